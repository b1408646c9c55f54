"""The held-out paraphrase bank: wordings the LM never sees in training.

Why a separate bank: a parser evaluated on the templates it was trained on measures recall of
those templates. The benchmark (bench/lm_parse.py) and the model card generate their test
messages from this bank, with brands withheld from training, so the numbers say how the model
copes with phrasings and names it has not seen.
"""

from __future__ import annotations

from assistant.training.phrases import PhraseBank

HELDOUT_BANK = PhraseBank(
    openers=("", "hunting for ", "point me to ", "in the market for ", "help me find ", "could you pull up ",
             "is there any ", "i'm after ", "browsing for ", "would love some ", "need to buy ", "any chance of "),
    closers=("", "?", " thx", " cheers", " if possible", " :)"),
    color_post=("in a {c} shade", "that come in {c}", "in the {c} version"),
    brand_post=("from the brand {b}", "of the {b} label", "{b}-made"),
    extras=("sturdy", "stylish", "for my daughter", "for hiking", "for the office", "breathable", "compact",
            "everyday", "for the weekend", "simple"),
    price_formats=("${n}", "{n}", "{n} dollars", "{n} bucks"),
    price_max=("not over {p}", "tops {p}", "within {p}", "capped at {p}", "for {p} or under",
               "no pricier than {p}", "spending at most {p}", "max budget {p}"),
    price_min=("upwards of {p}", "no less than {p}", "{p} and up", "north of {p}"),
    price_between=("somewhere between {p1} and {p2}", "in the {p1} to {p2} range", "{p1} through {p2}"),
    price_about=("approximately {p}", "close to {p}", "in the ballpark of {p}"),
    exclude=("excluding {b}", "avoid {b}", "skip {b}", "none from {b}"),
    brand_only_search=("got anything by {b}", "everything {b} makes", "let me see the {b} range"),
    cheaper=("these cost too much", "lower the price a bit", "can i get a budget version", "a cheaper alternative?",
             "that's out of my budget", "go down in price", "too steep for me", "find me less pricey ones"),
    refine_color=("same but {c}", "prefer {c}", "switch to {c}", "got these in {c}?", "{c} would be better",
                  "show the {c} variants"),
    refine_brand=("stick to {b}", "{b} ones only please", "limit it to {b}", "i trust {b}, show those"),
    refine_exclude=("leave out {b}", "i'm not into {b}", "hide {b}", "nothing from {b}", "remove {b} ones",
                    "avoid {b} please"),
    refine_price=("{price} only", "stay {price}", "i can spend {price}"),
    refine_category=("let's look at {cat}", "change to {cat}", "how about {cat} now", "i'd rather see {cat}"),
    more=("keep going", "see further results", "what else have you got", "load more", "further options please",
          "continue the list"),
    compare=("put {r1} next to {r2}", "{r1} versus {r2}?", "weigh {r1} against {r2}", "contrast {r1} and {r2}",
             "is {r1} better than {r2}", "side by side {r1} and {r2}"),
    details=("give me the details of {r}", "what can you tell me about {r}", "elaborate on {r}",
             "zoom in on {r}", "specs for {r} please", "what's special about {r}"),
    add=("stick {r} in my basket", "grab {r} for me", "i'd like to purchase {r}", "put {r} into my bag",
         "{r} goes in the cart", "add {r} to my shopping cart"),
    add_bare=("grab that one", "put that in the basket", "yes add it to my cart"),
    remove=("get rid of {r} in my cart", "i don't want {r} in the cart anymore", "take {r} off my basket",
            "remove {r} from my bag", "delete {r} from the basket"),
    view_cart=("what have i got in my basket", "let me see my cart", "cart contents?", "review my basket",
               "what did i add to my cart"),
    recommend=("what do you think i'd like", "got any picks for me", "any suggestions?", "choose something for me",
               "i need inspiration, recommend something"),
    recommend_category=("what {cat} would you suggest", "recommend me some nice {cat}", "suggest a few {cat}"),
    why=("how did you choose these", "what's the logic behind these picks", "why are these shown",
         "reasoning for these?"),
    why_ref=("why did {r} make the list", "what's the reason for {r}", "why recommend {r}"),
    greeting=("greetings", "hello hello", "hey, how's it going", "good afternoon", "morning!", "much appreciated",
              "hi shopassist"),
    out_of_scope=("can you recommend a good movie", "what's the meaning of life", "how old are you",
                  "solve x squared equals four", "play some music", "who is the president", "is it going to rain",
                  "give me directions to the station", "tell me something funny", "what's bitcoin trading at"),
    ref_forms=("the {o} option", "choice {n}", "the {o} product", "product {n}", "the {o} of them", "pick {n}"),
    last_forms=("the final one", "the bottom one"),
    fillers=("right, ", "okay so ", "hm, ", "sure, "),
)
