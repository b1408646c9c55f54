"""Star ratings: who rates what, and how many stars, from the users' hidden tastes.

A user rates products they were interested in (popular ones, in their favourite categories),
and the stars are their affinity for the product plus noise. So an item's mean says something
about its quality, and a user's deviations say something about their tastes: the two things
SVD can learn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assistant.shopdata.demo.sampling import YEAR_END, YEAR_START, heavy_tailed_counts, sample_per_user
from assistant.shopdata.demo.users import DemoUsers

RATING_COLUMNS = ("user_id", "product_id", "rating", "timestamp")
BASE_STARS = 3.1  # stars for a product of average quality that matches none of the user's tastes
NOISE_STARS = 0.55  # mood, misclicks, everything the latent model does not explain


def make_ratings(rng: np.random.Generator, users: DemoUsers, product_ids: np.ndarray,
                 like: np.ndarray, look: np.ndarray) -> pd.DataFrame:
    """Draw the ratings table.

    Args:
        rng: the random stream.
        users: the users (light users rate at most two products).
        product_ids: str[n_products] ids in catalog order.
        like: float[n_users, n_products] affinity (see `users.affinity`).
        look: float[n_users, n_products] log-weight of interacting (see `users.interest`).

    Returns:
        Columns `RATING_COLUMNS`: rating is an int 1..5, timestamp int unix seconds in 2025;
        sorted by user, then time.
    """
    n_users = len(users.user_ids)
    counts = heavy_tailed_counts(rng, n_users, median=40.0, sigma=0.8, low=5, high=400)
    counts = np.where(users.light, rng.integers(0, 3, n_users), counts)
    user_index, product_index = sample_per_user(rng, look, counts)
    stars = BASE_STARS + like[user_index, product_index] + rng.normal(0.0, NOISE_STARS, len(user_index))
    timestamp = rng.integers(YEAR_START, YEAR_END, len(user_index))
    order = np.lexsort((product_index, timestamp, user_index))
    return pd.DataFrame({
        "user_id": np.asarray(users.user_ids)[user_index[order]],
        "product_id": product_ids[product_index[order]],
        "rating": np.clip(np.rint(stars[order]), 1, 5).astype(np.int64),
        "timestamp": timestamp[order],
    })


def product_summary(n_products: int, product_index: np.ndarray,
                    stars: np.ndarray) -> tuple[list[str], list[str]]:
    """The catalog's rating (mean, 1 decimal, "" when unrated) and review_count columns."""
    count = np.bincount(product_index, minlength=n_products)
    total = np.bincount(product_index, weights=stars.astype(np.float64), minlength=n_products)
    mean = np.divide(total, count, out=np.zeros(n_products), where=count > 0)
    rating = [f"{m:.1f}" if c else "" for m, c in zip(mean, count, strict=True)]
    return rating, [str(int(c)) for c in count]
