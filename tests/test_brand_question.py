"""Whether an item on screen is of a brand, answered from the listing's brand field."""

from assistant.brand_question import asks_over_list, brand_answer, brand_asked
from retrieval.types import Product

YONEX = Product("P1", "Yonex EZONE 100 Tennis Racket", 99.99, brand="Yonex")
WILSON = Product("P2", "Wilson Pro Staff 97 Tennis Racket", 113.99, brand="Wilson")


def test_a_brand_said_last_in_a_yes_no_question_is_what_is_asked():
    assert brand_asked("is the first one a Wilson?", ["Wilson"]) == ["Wilson"]
    assert brand_asked("ooh, is the first one Canada Goose?", ["Canada Goose"]) == ["Canada Goose"]
    assert brand_asked("are any of these Sony?", ["Sony"]) == ["Sony"]
    assert brand_asked("is the Dyson one the best rated?", ["Dyson"]) == []       # asks about ratings
    assert brand_asked("is the Lodge one better than the Le Creuset one?", ["Lodge", "Le Creuset"]) == []
    assert brand_asked("does the Sony one have noise cancelling?", ["Sony"]) == []


def test_one_item_is_answered_yes_or_no_with_its_own_brand():
    assert brand_answer([YONEX], ["Wilson"], over_list=False) == "No: [name_1] is by Yonex, not Wilson."
    assert brand_answer([WILSON], ["Wilson"], over_list=False) == "Yes: [name_1] is by Wilson."


def test_over_the_list_the_positions_of_the_brand_are_named():
    assert asks_over_list("are any of these Yonex?") and not asks_over_list("is the first one a Wilson?")
    assert brand_answer([YONEX, WILSON, WILSON], ["Wilson"], over_list=True) == "Yes: #2 and #3 are by Wilson."
    assert brand_answer([YONEX], ["Wilson", "Head"], over_list=True) == "No: none of these is by Wilson or Head."


def test_a_brand_with_and_in_its_name_keeps_it_in_an_or_list():
    assert brand_answer([YONEX], ["Marks and Spencer", "Head"], over_list=False) == \
        "No: [name_1] is by Yonex, not Marks and Spencer or Head."


def test_a_brand_that_is_the_subject_is_not_asked():
    assert brand_asked("how many litre is the philips? and it boil fast?", ["Philips"]) == []
    assert brand_asked("is the philips?", ["Philips"]) == []
    assert brand_asked("is the first one a Philips?", ["Philips"]) == ["Philips"]
