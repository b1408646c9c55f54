"""Browsing and buying events: many views, fewer carts, fewer purchases, all from hidden tastes.

A user views products they are interested in; the more they like a viewed product the more
likely they add it to the cart and then buy it, so purchases concentrate on liked products.
Loyal users cart and buy only their one brand; light users leave one to three events.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assistant.shopdata.demo.sampling import YEAR_END, YEAR_START, heavy_tailed_counts, sample_per_user
from assistant.shopdata.demo.users import DemoUsers

EVENT_COLUMNS = ("user_id", "product_id", "event", "quantity", "price", "timestamp")
_KINDS = ("view", "cart", "purchase")
_CART_MIDPOINT = 2.8  # affinity at which a viewed product is carted half the time
_BUY_MIDPOINT = 2.0  # affinity at which a carted product is bought half the time
_STEEPNESS = 1.4
_LAST_VIEW = YEAR_END - 3 * 86400  # leaves room for the cart and purchase after a view


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def make_events(rng: np.random.Generator, users: DemoUsers, products: pd.DataFrame, brand_match: np.ndarray,
                like: np.ndarray, look: np.ndarray) -> pd.DataFrame:
    """Draw the events table.

    Args:
        rng: the random stream.
        users: the users (loyal and light flags shape their behaviour).
        products: the catalog frame (product_id and the price string are copied into events).
        brand_match: float[n_users, n_products] 1 where the product is a favourite brand.
        like: float[n_users, n_products] affinity (see `users.affinity`).
        look: float[n_users, n_products] log-weight of viewing (see `users.interest`).

    Returns:
        Columns `EVENT_COLUMNS`; timestamp is ISO 8601 UTC ("2025-03-04T12:34:56Z"), price the
        product's price; sorted by time.
    """
    n_users = len(users.user_ids)
    counts = heavy_tailed_counts(rng, n_users, median=38.0, sigma=0.8, low=4, high=600)
    counts = np.where(users.light, rng.integers(1, 4, n_users), counts)
    user_index, product_index = sample_per_user(rng, look, counts)
    user_index, product_index = _loyal_views(users, brand_match, like, user_index, product_index)
    cart, buy = _funnel(rng, users, user_index, like[user_index, product_index],
                        brand_match[user_index, product_index] > 0)
    return _event_frame(rng, users, products, user_index, product_index, (np.ones_like(cart), cart, buy))


def _funnel(rng: np.random.Generator, users: DemoUsers, user_index: np.ndarray, affinity: np.ndarray,
            own_brand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which views lead to a cart, and which carts to a purchase (bool arrays, one per view).

    Both steps are logistic in the user's affinity for the product, so the further down the
    funnel, the more the products are ones the user likes.
    """
    allowed = ~users.loyal[user_index] | own_brand
    chance = rng.random((2, len(affinity)))
    may_cart = allowed & ~users.light[user_index]
    cart = may_cart & (chance[0] < _sigmoid(_STEEPNESS * (affinity - _CART_MIDPOINT)))
    buy = cart & (chance[1] < _sigmoid(_STEEPNESS * (affinity - _BUY_MIDPOINT)))
    buy = _loyal_purchase(users, user_index, affinity, allowed, buy)
    return _light_funnels(rng, users, user_index, cart | buy, buy)


def _event_frame(rng: np.random.Generator, users: DemoUsers, products: pd.DataFrame, user_index: np.ndarray,
                 product_index: np.ndarray, keep: tuple[np.ndarray, np.ndarray, np.ndarray]) -> pd.DataFrame:
    """One row per kept (view, cart, purchase) step, with times a few minutes apart, sorted by time."""
    viewed_at = rng.integers(YEAR_START, _LAST_VIEW, len(user_index))
    carted_at = viewed_at + rng.integers(30, 3600, len(user_index))
    bought_at = carted_at + rng.integers(60, 7200, len(user_index))
    price = products["price"].to_numpy()[product_index]
    cheap = price.astype(np.float64) < 50.0  # only cheap things are bought two or three at a time
    quantity = 1 + (cheap & (rng.random(len(price)) < 0.12)) + (cheap & (rng.random(len(price)) < 0.04))
    stamps = (viewed_at, carted_at, bought_at)
    rows = {
        "user": np.concatenate([user_index[k] for k in keep]),
        "product": np.concatenate([product_index[k] for k in keep]),
        "kind": np.concatenate([np.full(int(k.sum()), i) for i, k in enumerate(keep)]),
        "quantity": np.concatenate([np.where(i == 0, 1, quantity[k]) for i, k in enumerate(keep)]),
        "price": np.concatenate([price[k] for k in keep]),
        "time": np.concatenate([s[k] for s, k in zip(stamps, keep, strict=True)]),
    }
    order = np.lexsort((rows["kind"], rows["product"], rows["user"], rows["time"]))
    seconds = rows["time"][order].astype("datetime64[s]")
    return pd.DataFrame({
        "user_id": np.asarray(users.user_ids)[rows["user"][order]],
        "product_id": products["product_id"].to_numpy()[rows["product"][order]],
        "event": np.asarray(_KINDS)[rows["kind"][order]],
        "quantity": rows["quantity"][order].astype(np.int64),
        "price": rows["price"][order],
        "timestamp": np.char.add(np.datetime_as_string(seconds, unit="s"), "Z"),
    })


def _loyal_views(users: DemoUsers, brand_match: np.ndarray, like: np.ndarray, user_index: np.ndarray,
                 product_index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Make sure every loyal user viewed at least one product of their brand (their best one)."""
    seen = np.zeros(len(users.user_ids), dtype=bool)
    seen[user_index[brand_match[user_index, product_index] > 0]] = True
    missing = np.flatnonzero(users.loyal & ~seen)
    if len(missing) == 0:
        return user_index, product_index
    best = np.argmax(np.where(brand_match[missing] > 0, like[missing], -np.inf), axis=1)
    return np.concatenate([user_index, missing]), np.concatenate([product_index, best])


def _loyal_purchase(users: DemoUsers, user_index: np.ndarray, affinity: np.ndarray, allowed: np.ndarray,
                    buy: np.ndarray) -> np.ndarray:
    """Give every loyal user who bought nothing one purchase: their best-liked viewed brand item."""
    buy = buy.copy()
    bought = np.zeros(len(users.user_ids), dtype=bool)
    bought[user_index[buy]] = True
    for u in np.flatnonzero(users.loyal & ~bought):
        rows = np.flatnonzero((user_index == u) & allowed)
        buy[rows[np.argmax(affinity[rows])]] = True
    return buy


def _light_funnels(rng: np.random.Generator, users: DemoUsers, user_index: np.ndarray, cart: np.ndarray,
                   buy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Some light users go view -> cart (-> purchase) on their first product, within 3 events."""
    cart, buy = cart.copy(), buy.copy()
    views = np.bincount(user_index, minlength=len(users.user_ids))
    first = np.flatnonzero(np.r_[True, user_index[1:] != user_index[:-1]])
    for row in first:
        u = user_index[row]
        if users.light[u] and views[u] == 1 and rng.random() < 0.5:
            cart[row] = True
            buy[row] = rng.random() < 0.5
    return cart, buy
