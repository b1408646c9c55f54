"""Reranker and engine with recsys signals: reasons, explicit fallbacks, personalize=False, top-N.

Known answers from tests/shopfixtures.py: U1 buys only Sony and loves Nike (ratings), U2 the
reverse on ratings; "stranger" has no history at all.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.shopdata.artifacts import read_manifest
from recsys.config import RecsysConfig
from recsys.rerank import COLD_START_REASON, NEW_PRODUCT_REASON, score_candidates
from recsys.types import Profile
from retrieval.types import Filters, Hit, Product
from ui.cli.main import main

CFG = RecsysConfig()


def hits() -> list[Hit]:
    products = [Product("p1", "Sony Sound", 60.0, category="headphones", brand="Sony", color="black"),
                Product("p2", "Bose Sound", 300.0, category="headphones", brand="Bose", color="white")]
    return [Hit(p, 0.5) for p in products]


def test_new_product_and_topn_reasons():
    out = score_candidates(hits(), CFG, profile=None, cf_predictions=np.array([4.5, np.nan]),
                           personalize=True, topn_scores=np.array([np.nan, np.nan]))
    assert any("rate it 4.5" in r for r in out[0].reasons)
    assert NEW_PRODUCT_REASON in out[1].reasons and out[1].components["cf"] == 0.0
    only_topn = score_candidates(hits(), CFG, profile=None, cf_predictions=None, personalize=True,
                                 topn_scores=np.array([0.97, 0.2]))
    assert any("top 3%" in r for r in only_topn[0].reasons) and only_topn[0].score > only_topn[1].score


def test_cold_start_is_explicit_and_personalize_off_ignores_everything():
    cold = score_candidates(hits(), CFG, profile=None, cf_predictions=None, personalize=True)
    assert all(COLD_START_REASON in c.reasons for c in cold)
    profile = Profile("u", brand_affinity={"Bose": 1.0})
    off = score_candidates(hits(), CFG, profile=profile, cf_predictions=np.array([1.0, 5.0]), personalize=False,
                           topn_scores=np.array([0.0, 1.0]))
    assert off[0].score == off[1].score
    assert all(set(c.components) == {"relevance", "rating"} for c in off), "nothing personal: relevance and rating"
    assert not any("often" in r or "taste" in r for c in off for r in c.reasons)


def test_price_level_and_size_reasons():
    profile = Profile("u", price_level_affinity={"premium": 0.9}, price_bands={"headphones": (80.0, 200.0)},
                      size_affinity={"M": 1.0})
    out = score_candidates(hits(), CFG, profile=profile, cf_predictions=None, personalize=True)
    assert any("usual price range (premium)" in r for r in out[1].reasons)
    assert out[1].components["profile"] > out[0].components["profile"]


def test_manifest_records_tuned_svd_and_topn(tiny_artifacts):
    stats = read_manifest(tiny_artifacts).stats
    assert stats["svd_tuning"]["method"] in ("grid", "random", "none")
    assert set(stats["svd_tuning"]["params"]) >= {"n_factors", "n_epochs", "lr_all", "reg_all"}
    assert stats["topn"]["model"] == "ease" and "lambda" in stats["topn"]["params"]
    assert sum(stats["segments"].values()) >= 12


def test_recommend_for_known_user_uses_topn_and_skips_seen(assistant):
    engine = assistant.engine
    topn = engine.profiles.topn
    hits_u1 = engine.recommend_hits("U1", Filters(), 5)
    assert [h.product.product_id for h in hits_u1] == [pid for pid, _ in topn.recommend("U1", 5)]
    seen = set(topn.items.ids[topn.history[topn.users.position("U1")].indices])
    assert hits_u1 and not seen & {h.product.product_id for h in hits_u1}
    assert [h.product.product_id for h in engine.recommend_hits("stranger", Filters(), 5)] == \
        [h.product.product_id for h in engine.recommend_hits(None, Filters(), 5)]


def test_personalize_false_identical_for_two_users_on_recommend(assistant):
    out = []
    for user in ("U1", "U2"):
        reply = assistant.respond(assistant.new_session(user, personalize=False), "recommend me something")
        out.append([(c.product.product_id, c.score, c.reasons) for c in reply.products])
    assert out[0] == out[1] and out[0]


def test_one_brand_buyer_sees_brand_reason(assistant):
    reply = assistant.respond(assistant.new_session("U1"), "headphones")
    sony = [c for c in reply.products if c.product.brand == "Sony"]
    assert sony and all(any("you often choose Sony" in r for r in c.reasons) for c in sony)


@pytest.mark.parametrize("user, expected", [("U1", "you often choose Sony"), ("stranger", "new shopper")])
def test_reasons_visible_in_ask_json(tiny_artifacts, capsys, user, expected):
    assert main(["--preset", "tiny", "ask", "--artifacts", str(tiny_artifacts), "--user", user, "--json",
                 "headphones"]) == 0
    products = json.loads(capsys.readouterr().out)["products"]
    assert products and any(expected in r for p in products for r in p["reasons"])


def test_recommend_reasons_say_where_items_came_from(assistant):
    from recsys.rerank import POPULAR_REASON, RECOMMENDED_REASON

    engine = assistant.engine
    for user, first in (("U1", RECOMMENDED_REASON), ("stranger", POPULAR_REASON)):
        ranked = engine.rank(engine.recommend_hits(user, Filters(), 10), user, True, 5, source="recommend")
        assert ranked and all(c.reasons[0] == first for c in ranked)


def test_a_poorly_rated_product_does_not_lead_a_tie_and_few_reviews_count_less():
    def product(pid: str, rating: float, reviews: int) -> Hit:
        return Hit(Product(pid, pid, 50.0, category="headphones", brand="B", rating=rating, review_count=reviews), 0.5)

    out = score_candidates([product("poor", 2.0, 40), product("good", 4.5, 40), product("one-review", 5.0, 1)],
                           CFG, profile=None, cf_predictions=None, personalize=False)
    scores = {c.product.product_id: c.score for c in out}
    assert scores["good"] > scores["one-review"] > scores["poor"]
