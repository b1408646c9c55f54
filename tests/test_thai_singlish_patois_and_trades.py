"""A Bangkok shopper writing Thai-tinged English ("have silver mai", "mai ao Apple", "ao 1 kub 3", "took kwa"), a
Singaporean writing Singlish ("dyson air purifier got or not", "below 400 can or not", "chope the second one"), a
Jamaican shopper writing Patois ("nuttin ova 90", "tek out di Garmin", "wah inna mi cart?"), a wheelchair user, a
pet owner, a renovator, a coach ("20 bucks a head max", "the 13-15 distance group"), a shopper who compares with
other shops ("bet its cheaper at the levis outlet"), a Jakarta shopper mixing Bahasa ("dibawah 70 ada?", "masukin no
4"), a Glasgow shopper writing Scots ("nae Beats", "any mair", "tell us aboot the 2nd") and an Australian ("what do
ya reckon for a 4 yr old's birthday?"), a Dhaka shopper mixing Bangla ("100 dollar er moddhe", "Zara chara", "ditio ta
cart e add koro"), a Ukrainian learner ("ni Apple, ni Beats") and a retired headteacher writing formally ("Have you
anything a little more modest in price?"), then an Irish shopper ("in with it", "wheres me order"), a Montreal shopper
writing franglais ("en bas de 130$", "pas de Nike pis pas d'Adidas"), a Deaf shopper writing BSL-shaped English
("Nike no. Adidas no.", "cart what have?") and a sneakerhead ("put me on something"). Each case read the wrong way
before it was handled."""

from __future__ import annotations

import pytest

from assistant import mixed_speech, rules
from assistant.bangla import BANGLA
from assistant.conditions import unsold_condition
from assistant.evidence import noun_phrases
from assistant.french import FRENCH
from assistant.indonesian import INDONESIAN
from assistant.patois import PATOIS
from assistant.scots import SCOTS
from assistant.singlish import SINGLISH
from assistant.thai import THAI
from assistant.ukrainian import UKRAINIAN


@pytest.mark.parametrize(("message", "english"), [
    ("have silver mai", "do you have silver?"),
    ("white colour have mai", "white colour available?"),
    ("number 3 waterproof mai, I wear go swim", "number 3 waterproof?, I wear go swim"),
    ("notbook for study, mai ao Apple, under 700 dollar", "notbook for study, no Apple, under 700 dollar"),
    ("pink colour, mai ao over 120 na", "pink colour, not over 120"),
    ("oh pairng ja.. want took kwa nee krub", "oh too expensive.. want cheaper"),
    ("ao an nee, number 2 krub", "add this one, number 2"),
    ("ao 1 kub 3", "add 1 and 3"),
    ("ao tang song an, 1 and 2", "add both, 1 and 2"),
    ("the 4th tao rai?", "the 4th how much is it?"),
    ("mee eek", "any more"),
    ("next na", "next"),
    ("oh yes I say Skechers 555 sorry. ao number 4", "oh yes I say Skechers sorry. add number 4"),
])
def test_thai_glue_is_said_in_english(message, english):
    assert THAI.in_english(message) == (english, True)


@pytest.mark.parametrize("message", [
    "I took the bus", "na I'm good", "Mai's birthday gift", "under 555 dollars", "a $555 watch",
    "the 2nd one, is it waterproof?", "mai tai glasses", "kettle that boils fast",
])
def test_english_is_never_read_as_thai(message):
    assert THAI.in_english(message) == (message, False)


@pytest.mark.parametrize(("message", "english"), [
    ("dyson air purifier got or not, under 500", "dyson air purifier available?, under 500"),
    ("got navy one or not", "do you have navy?"),
    ("hi, u all got sell bak kwa? cny coming", "hi, you sell bak kwa? cny coming"),
    ("aiya ok nvm. then got toys for kids?", "oh ok nvm. then do you have toys for kids?"),
    ("below 1200 can?", "below 1200?"),
    ("under 300 can or not, budget only that much", "under 300?, budget only that much"),
    ("ok chope the second n the last one for me", "ok add the second n the last one for me"),
    ("ok forget about garmin lah. but dun show me apple ah", "ok forget about garmin. but don't show me apple"),
    ("wah so ex, cheaper a bit can?", "wow so expensive, cheaper a bit?"),
    ("ok nvm i go think first, bye", "ok nvm I'll think about it, bye"),
])
def test_singlish_is_said_in_english(message, english):
    assert SINGLISH.in_english(message) == (english, True)


@pytest.mark.parametrize("message", [
    "what have I got?", "what've I got in there", "you got it", "I got one already", "yes you can.",
    "Got it, thanks", "la sportiva", "ah ok cool", "i got 2 kids", "what do you got?", "I don't want another Jansport",
    "these look kinda basic, got anything more premium?", "got any Marshall headphones?",
])
def test_english_is_never_read_as_singlish(message):
    assert SINGLISH.in_english(message) == (message, False)


@pytest.mark.parametrize(("message", "english"), [
    ("wha gwaan, mi need some runnin shoes fi mawnin jog, nuttin ova 90",
     "hi, I need some runnin shoes for good morning jog, under 90"),
    ("nuttin more dan 700 US", "under 700 US"),
    ("a how much dem cost? mi cyaan spend more dan 80", "how much them cost? under 80"),
    ("yuh sell curry powda? mi need a big bag a it", "do you sell curry powder? I need a big bag a it"),
    ("navy, an nuh mini dress", "navy, and no mini dress"),
    ("tek out di Garmin", "remove the Garmin"),
    ("wah inna mi cart now?", "what's in my cart now?"),
    ("mi wi tink bout it, tanks", "I will think about it, thanks"),
    ("show mi Samsung den, Dyson too dear fi mi", "show me Samsung then, Dyson too dear for me"),
    ("mi blender bun out, need a new one fi mek smoothie", "my blender broke, need a new one to make smoothie"),
])
def test_patois_is_said_in_english(message, english):
    assert PATOIS.in_english(message) == (english, True)


@pytest.mark.parametrize("message", [
    "dat is cool", "Di is my name", "tanks for kids", "the den set", "a wi-fi speaker",
    "sci-fi toys", "nothing over 90 please",
])
def test_english_is_never_read_as_patois(message):
    assert PATOIS.in_english(message) == (message, False)


def test_a_thai_chat_asks_adds_and_pages(say):
    say("sneaker for walk all day, Skechers")
    assert say("next na").intent.kind == "more"
    say("running shoes")
    reply = say("ao 1 kub 3")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 2
    reply = say("notbook for study in university, mai ao Apple becuz pairng mak, under 700 dollar")
    assert "Apple" in (reply.intent.exclude_brand, *reply.intent.exclude_brands) and reply.intent.max_price == 700
    assert all(c.product.brand != "Apple" for c in reply.products)


def test_a_singlish_chat_asks_with_got_and_can(say):
    reply = say("want smartwatch to track my running, garmin got?")
    assert reply.intent.brand == "Garmin" and reply.intent.category == "watches"
    reply = say("ok forget about garmin lah. but dun show me apple ah")
    assert reply.intent.brand is None and {c.product.brand for c in reply.products} - {"Garmin"}
    assert all(c.product.brand != "Apple" for c in reply.products)
    say("uniqlo tshirt white")
    reply = say("ok chope the second n the last one for me")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 2


def test_a_patois_chat_bounds_the_price_takes_out_and_closes(say):
    reply = say("wha gwaan, mi need some runnin shoes fi mawnin jog, nuttin ova 90")
    assert reply.intent.max_price == 90 and all(c.product.price <= 90 for c in reply.products)
    say("mi waan a smartwatch fi track mi steps")
    say("Garmin")
    say("put di 1st one in")
    assert say("tek out di Garmin").intent.kind == "remove_from_cart" and not say.session.cart
    say("jackets")
    reply = say("Canada Goose too dear, skip dem")
    assert reply.intent.kind == "refine" and all(c.product.brand != "Canada Goose" for c in reply.products)
    assert not rules.excluded_brands("would a garmin be too much? what have you got under 250", {"garmin": "Garmin"})
    assert say("between 150 an 300").intent.min_price == 150
    assert say("mi wi tink bout it, tanks").intent.kind == "greeting"


def test_a_pick_by_gimme_and_basket_it(say):
    say("gym bags")
    assert say("gimme both").intent.references == (1, 2)
    say("slip on sneakers")
    assert say("first one, size 9. basket it").intent.kind == "add_to_cart"
    assert not rules.ADD_CART.search("give me some running shoes under 80")


def test_a_time_of_day_alone_is_a_hello(say):
    for message in ["morning", "evening", "Afternoon!"]:
        assert say(message).intent.kind == "greeting", message
    assert say("evening dress under 80").intent.category == "dresses"


def test_what_a_shopper_cannot_take_is_no_pick(say):
    say("laptop for school")
    reply = say("the 2nd one how heavy? must carry go school everyday, my back cannot take")
    assert reply.intent.kind == "details" and not say.session.cart


def test_a_word_not_a_typo_of_a_brand(say):
    reply = say("I need a kettle light enough to pour with one hand. Preferably without scalding myself. Under 45")
    assert reply.intent.brand is None and reply.intent.max_price == 45
    assert all(c.product.brand != "Spalding" for c in reply.products)


def test_what_the_mother_will_ask_is_no_why(say):
    say("levis jeans W32")
    reply = say("dun want distressed one pls, my mother will scold say why wear torn pants")
    assert reply.intent.kind == "refine" and reply.intent.exclude_terms == ("distressed",)


def test_any_brand_said_by_a_learner(say):
    say("headphone Bose noise cancel")
    assert "brand" in say("eh change mind, brand anything ok krub, just want good one").intent.clear


def test_following_an_order_and_todays_rain_are_not_shopping(say):
    for message in ["I order already 3 day, when it come to Bangkok? how I track krub",
                    "yuh can ship it go a Montego Bay?"]:
        assert say(message).intent.kind == "out_of_scope", message
    assert rules.OFF_TOPIC.search(THAI.in_english("btw today Bangkok rain mai? I want go Siam Paragon later")[0])


def test_a_budget_per_head_and_a_group_of_ages(say):
    reply = say("squad training tees in navy. 18 players, 20 bucks a head max")
    assert reply.intent.max_price == 20
    reply = say("watch that shows pace per km for the 13-15 distance group")
    assert reply.intent.min_price is None and reply.intent.max_price is None and reply.products


def test_the_verb_last_is_no_position(say):
    say("hard wearing shoes for site, size 11")
    assert say("why these? half of em are white mesh, they'd last about a day").intent.references == ()


def test_another_shops_price_is_no_step_down(say):
    reply = say("levis 511 in black, w32. bet its cheaper at the levis outlet but lets see")
    assert not reply.intent.cheaper and reply.intent.brand == "Levi's"
    say("zara wrap dress")
    assert not say("zaras own site has it cheaper lmao. whatever, got it in navy?").intent.cheaper
    say("jeans")
    assert say("anything cheaper at all?").intent.cheaper


def test_browsing_to_buy_elsewhere_is_a_goodbye(say):
    assert say("hey. just browsing, probably gonna end up buying somewhere else tbh").intent.kind == "greeting"
    assert say("hi! just browsing but I need a rain jacket").intent.kind == "search"


def test_adding_a_position_and_a_shop_named_best_buy(say):
    say("gym bags")
    assert say("cool, adding #2").intent.kind == "add_to_cart" and len(say.session.cart) == 1
    assert say("show me whats in there").intent.kind == "view_cart"
    say("sneakers")
    reply = say("best buy has it in green, you got green?")
    assert reply.intent.kind == "refine" and len(say.session.cart) == 1


def test_cashback_and_a_tradesman_asking_you_lot(say):
    say("running shoes")
    assert say("rei members get 10% back on these lol. you have anything like that?").intent.kind == "out_of_scope"
    asked = "do you lot do SDS drills? got to chase the walls out for new cables"
    assert rules.REQUEST.search(asked)  # a request for a thing, not a question out of scope
    assert noun_phrases(asked, say.assistant.engine.vocab)[0] == "sds drills"


def test_hands_free_rules_nothing_out(say):
    say("dog walking jacket")
    assert say("what about one for running, hands-free?").intent.exclude_terms == ()
    assert say("fragrance-free moisturiser").intent.exclude_terms == ("fragrance",)


@pytest.mark.parametrize(("message", "english"), [
    ("kak ada sepatu lari nike gak? budget dibawah $100 aja", "do you have running shoes nike? budget under $100"),
    ("hmm mahal ya, dibawah 70 ada?", "hmm too expensive, under 70 available?"),
    ("waduh mahal2, yg lebih murah ada?", "waduh too expensive, cheaper available?"),
    ("ga ada ya? yaudah brand lain deh, asal bukan l'oreal", "none? ok any brand, except l'oreal"),
    ("yg ke-1 sama ke-5 bedanya apa", "number 1 and number 5 what's the difference"),
    ("ok deh masukin no 4", "ok add no 4"),
    ("ambil dua2nya deh", "add both"),
    ("eh kettle nya hapus aja deh dr keranjang, gajadi", "eh kettle nya remove from my cart, never mind"),
    ("tp jgn yg bahan polyester ya kak, gerah", "but no polyester, gerah"),
    ("kok yg muncul dyson semua sih? knp?", "why are they all dyson? why?"),
])
def test_indonesian_glue_is_said_in_english(message, english):
    assert INDONESIAN.in_english(message) == (english, True)


@pytest.mark.parametrize(("message", "english"), [
    ("headphones fur the gym that dinnae fa oot yer lugs, nae Beats tho, cannae staun them",
     "headphones for the gym that don't fall out your ears, no Beats though, can't stand them"),
    ("naw these are aw pure dear, gies somethin cheaper", "no these are all too expensive, give me somethin cheaper"),
    ("any mair? nane o them are daein it fur me", "any more? none of them are doing it for me"),
    ("tell us aboot the 2nd", "tell me about the 2nd"),
    ("the 3rd in ma basket", "the 3rd in my basket"),
    ("aw naw. whit aboot a wee toaster then", "oh no. what about a small toaster then"),
    ("dae ye sell Irn Bru? a crate o it like", "do you sell Irn Bru? a crate of it like"),
])
def test_scots_is_said_in_english(message, english):
    assert SCOTS.in_english(message) == (english, True)


@pytest.mark.parametrize("message", [
    "no 2 is nice", "Ada Lovelace book", "tp rolls", "I want a wee bit cheaper", "the day after tomorrow",
    "a fur coat", "ma and pa", "sama sama", "Show me footballs, my boys wan play for estate field",
])
def test_english_is_never_read_as_indonesian_or_scots(message):
    assert INDONESIAN.in_english(message) == (message, False) and SCOTS.in_english(message) == (message, False)


def test_an_indonesian_chat_asks_excludes_and_adds(say):
    say("sunscreen buat kulit berminyak dong kak")
    reply = say("ga ada ya? yaudah brand lain deh, asal bukan l'oreal")
    assert all(c.product.brand != "L'Oreal" for c in reply.products)
    say("running shoes")
    reply = say("ok deh masukin no 4")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1
    assert say("skalian liat isi keranjang dong").intent.kind == "view_cart"


def test_a_scots_chat_rules_out_pages_and_asks(say):
    reply = say("headphones fur the gym that dinnae fa oot yer lugs, nae Beats tho, cannae staun them")
    assert reply.intent.category == "headphones" and all(c.product.brand != "Beats" for c in reply.products)
    assert say("any mair").intent.kind == "more"
    assert say("tell us aboot the 2nd").intent.references == (2,)
    assert say("1st wan pal").intent.kind == "add_to_cart"
    assert say("how much is that comin tae").intent.kind == "view_cart"
    assert say("dae yous dae gift wrappin?").intent.kind == "out_of_scope"


def test_an_australian_asks_what_you_reckon(say):
    assert say("what do ya reckon for a 4 yr old's birthday? got no clue").intent.kind == "recommend"
    say("running shoes")
    assert say("tell us bout the 2nd").intent.kind == "details"


@pytest.mark.parametrize(("message", "english"), [
    ("bhai running shoe ache? 100 dollar er moddhe, Nike hole best",
     "running shoe available? under 100, Nike would be best"),
    ("dress dekhao 50 theke 120 dollar er moddhe, Zara chara", "dress show between 50 and 120, no Zara"),
    ("aro kom dam er kisu nai?", "cheaper?"),
    ("Casio gula bad dao, onno brand dekhao", "no Casio, other brands show"),
    ("ditio ta cart e add koro", "the second one add to cart"),
    ("prothom ar sesh er ta compare koro to", "first and the last one compare"),
    ("amar cart e ki ki ache? total koto hoise?", "what's in my cart? total how much hoise?"),
    ("60 er upore jeno na hoy", "under 60"),
    ("1 r 2 er moddhe difference ki?", "between 1 and 2 difference what?"),
])
def test_bangla_glue_is_said_in_english(message, english):
    assert BANGLA.in_english(message) == (english, True)


@pytest.mark.parametrize("message", [
    "chai latte mug", "I want a chai tea set", "red label chai patti 1kg, 550 tak", "masala chai 250g",
    "compare 1 ar 2", "nil points", "I have a tin of paint",
    "a tin number 5", "Ni hao", "tak tak toy",
])
def test_english_is_never_read_as_bangla_or_ukrainian(message):
    assert BANGLA.in_english(message) == (message, False) and UKRAINIAN.in_english(message) == (message, False)


def test_a_bangla_chat_bounds_excludes_and_adds(say):
    reply = say("dress dekhao 50 theke 120 dollar er moddhe, Zara chara")
    assert (reply.intent.min_price, reply.intent.max_price) == (50, 120)
    assert all(c.product.brand != "Zara" and 50 <= c.product.price <= 120 for c in reply.products)
    say("electric kettle chai")
    reply = say("ditio ta cart e add koro")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1
    assert say("cart e ki ache ekbar dekhao to").intent.kind == "view_cart"


def test_a_ukrainian_learner_rules_out_and_thanks(say):
    say("headphones")
    reply = say("ni Apple, ni Beats. is too much money")
    assert all(c.product.brand not in ("Apple", "Beats") for c in reply.products)
    assert say("dyakuyu, bye").intent.kind == "greeting"


def test_a_formal_shopper_asks_for_more_cheaper_and_why(say):
    say("watches")
    assert say("Are there any further options? None of these is quite what I had in mind.").intent.kind == "more"
    reply = say("I am curious as to why that particular one has been placed at the head of the list. "
                "Is it merely on account of price?")
    assert reply.intent.kind == "why" and reply.intent.references == (1,)
    say("dresses")
    assert say("These are rather dearer than I had anticipated. Have you anything a little more modest in "
               "price?").intent.cheaper
    assert say("Many thanks. Good day to you.").intent.kind == "greeting"


def test_a_formal_shopper_asks_for_things_the_shop_lacks():
    for message in ["Do you by any chance sell reading glasses? I appear to have sat upon my only pair.",
                    "where I can buy buckwheat? grechka. in supermarket no"]:
        assert rules.REQUEST.search(message), message  # a thing asked for, then read by the catalog's evidence


def test_service_questions_said_politely(say):
    for message in ["My card was declined when I last tried to pay. Is there some fault on your side?",
                    "Do you know any good jokes? I could do with cheering up after looking at that list.",
                    "you can pack it like gift? with paper"]:
        assert say(message).intent.kind == "out_of_scope", message
    assert rules.OFF_TOPIC.search("whether it is likely to rain this weekend?")


def test_a_budget_set_aside_and_other_ones_shown(say):
    say("laptops under 500")
    assert "max_price" in say("Let us set the budget aside for a moment.").intent.clear
    say("sneakers white for school for my girl")
    assert say("show other, this I dont like").intent.kind == "more"
    assert say("next pg pls... none of these are like, speaking to me").intent.kind == "more"


@pytest.mark.parametrize(("message", "english"), [
    ("pas de Nike pis pas d'Adidas svp", "no Nike and no Adidas please"),
    ("en bleu marine plutôt, pis pas de H&M", "in navy instead, and no H&M"),
    ("ok forget le budget, montre-moi du plus haut de gamme", "ok forget the budget, show me more premium"),
    ("y'en a-tu d'autres?", "any others?"),
    ("le premier pis le troisième, mets-les dans le panier", "the first one and the third one, add to my cart"),
    ("enlève la kettle du panier finalement", "remove the kettle from my cart after all"),
    ("c'est cher en maudit, y'a-tu moins cher?", "too expensive, anything cheaper?"),
    ("pas en bas de 60$ genre, je veux de la qualité", "at least 60$, I want of the qualité"),
    ("un aspirateur sans fil, Dyson si possible", "a vacuum wireless, Dyson si possible"),
])
def test_quebec_french_is_said_in_english(message, english):
    assert FRENCH.in_english(message) == (english, True)


@pytest.mark.parametrize("message", [
    "a bath robe", "a portable speaker", "le creuset pan", "la sportiva shoes", "en route", "genre of music",
    "des moines", "one for le petit",
])
def test_english_is_never_read_as_french(message):
    assert FRENCH.in_english(message) == (message, False)


def test_a_franglais_chat_bounds_pages_and_adds(say):
    reply = say("salut! je cherche des runing shoes pour le trial, en bas de 130$")
    assert reply.intent.max_price == 130 and all(c.product.price <= 130 for c in reply.products)
    reply = say("pas de Nike pis pas d'Adidas svp")
    assert all(c.product.brand not in ("Nike", "Adidas") for c in reply.products)
    assert say("y'en a-tu d'autres?").intent.kind == "more"
    reply = say("le 2e, ajoute-le au panier")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1
    say("jeans Levi's 511, W30, en bleu")
    assert say("pas en bas de 60$ genre, je veux de la qualité").intent.min_price == 60  # not read as Spanish


def test_bsl_shaped_refusals_and_asks(say):
    say("running shoes women size 7 under 120")
    reply = say("Nike no. Adidas no.")
    assert set(reply.intent.exclude_brands) >= {"Nike", "Adidas"}
    say("watches")
    assert say("Samsung forget. Garmin?").intent.brand == "Garmin"
    assert say("cart what have?").intent.kind == "view_cart"
    say("candles")
    assert say("next 5 show me").intent.kind == "more"
    assert not rules.excluded_brands("Nike or not, I need runners", {"nike": "Nike"})


def test_irish_hellos_adds_and_orders(say):
    for message in ["well! hows the form", "story bud", "deadly, thanks a mill"]:
        assert say(message).intent.kind == "greeting", message
    say("gym bags")
    assert say("the 2nd one looks deadly, in with it").intent.kind == "add_to_cart"
    assert say("whats in me cart now and how much all in").intent.kind == "view_cart"
    for message in ["wheres me order?? I'm after buyin jeans off ye last tuesday and no sign of them",
                    "can ye deliver to cork by friday?"]:
        assert say(message).intent.kind == "out_of_scope", message
    assert rules.REQUEST.search("do yiz sell bikes at all?")


def test_a_sneakerhead_asks_to_be_put_on_something(say):
    assert say("idk what i want tbh, put me on something").intent.kind == "recommend"
    say("laptops")
    assert say("none of them chromebooks now, she says theyre useless for her course").intent.exclude_terms \
        == ("chromebook",)


@pytest.mark.parametrize("message", [
    "a sci fi movie gift", "lookin for a fur coat", "a niche brand of headphones", "a gift for Sian", "met gala dress",
    "the casio 555 model", "look what my son got!", "nothing over 90 and a den lamp",
])
def test_english_is_read_by_no_glue(message):
    assert mixed_speech.in_english(message) == (message, [])


def test_toys_for_a_dog_are_not_the_toys_aisle(say):
    vocab = say.assistant.engine.vocab  # a catalog that never names dogs
    assert unsold_condition("u have any chew proof dog toys? the big rope ones?", vocab) == "dog toys"
    for message in ["dog walking jacket, waterproof", "a toy for my son, he loves his dog", "cat hair vacuum",
                    "no dog toys, toys for my nephew"]:
        assert unsold_condition(message, vocab) is None, message
