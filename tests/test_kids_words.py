"""Children named beside a product ("a toaster the kids can use") keep the product's aisle; children named with no
product ("a present for my 4yo nephew") send the search to where the shop keeps children's things."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def demo_assistant(request):
    from tests.dialogue_plugin import dialogue_runner

    return dialogue_runner(request.config).assistant_for({})


@pytest.mark.parametrize("message, category", [("a toaster, something cheap the kids can use safely", "kitchen"),
                                               ("a present for my 4yo nephew", "toys")])
def test_the_aisle_of_a_request_that_names_children(demo_assistant, message, category):
    from assistant.evidence import noun_phrases

    phrases = noun_phrases(message, demo_assistant.engine.vocab, asked_first=False)
    assert (phrases[0] == "toys for kids") == (category == "toys")
