"""Which of two items set side by side is cheaper, pricier or higher rated, said in words from the catalog."""

from assistant.pair_verdict import pair_verdict
from retrieval.types import Product

NIKE = Product("P1", "Nike Air Max 90 (Blue)", 85.99, rating=4.8)
CONVERSE = Product("P2", "Converse Chuck Taylor (White)", 82.99, rating=4.4)


def test_is_the_second_cheaper_names_the_cheaper_and_by_how_much():
    verdict = pair_verdict("is the second one cheaper than the first?", [CONVERSE, NIKE], "USD")
    assert verdict.text == "The cheaper of the two is Converse Chuck Taylor (White), by $3.00."
    assert verdict.pick is CONVERSE  # "add that one" next means it


def test_pricier_and_costs_more_name_the_dearer_one():
    for message in ("which one is pricier?", "which costs more", "is the first more expensive?"):
        verdict = pair_verdict(message, [NIKE, CONVERSE], "USD")
        assert verdict.text == "The pricier of the two is Nike Air Max 90 (Blue), by $3.00.", message
        assert verdict.pick is NIKE


def test_better_rated_names_the_higher_rating_against_the_other():
    verdict = pair_verdict("which is better rated?", [CONVERSE, NIKE], "USD")
    assert verdict.text == "The higher rated is Nike Air Max 90 (Blue) (4.8/5 against 4.4/5)."
    assert verdict.pick is NIKE


def test_which_is_better_gives_both_facts_and_picks_neither():
    verdict = pair_verdict("which is better, the first or the second?", [NIKE, CONVERSE], "USD")
    assert "cheaper of the two is Converse" in verdict.text and "higher rated is Nike" in verdict.text
    assert verdict.pick is None  # cheaper and better rated are two different items: the shopper weighs them


def test_ties_are_said_as_ties_and_in_the_shops_currency():
    same = Product("P3", "Vans Old Skool", 82.99, rating=4.4)
    assert pair_verdict("which is cheaper", [CONVERSE, same], "EUR").text == "They cost the same (€82.99)."
    assert pair_verdict("which is better rated", [CONVERSE, same], "USD").text == "Both are rated 4.4/5."


def test_no_comparative_asked_or_no_pair_says_nothing():
    assert pair_verdict("compare 1 and 2", [NIKE, CONVERSE], "USD") is None
    assert pair_verdict("which is cheaper?", [NIKE, CONVERSE, Product("P4", "X", 10.0)], "USD") is None
    unpriced = Product("P5", "Y", None)
    assert pair_verdict("which is cheaper?", [NIKE, unpriced], "USD") is None
