"""Does a poorly rated product lead a list where well-rated matches exist? Guest searches on a build,
ranked with the rating term off (w_rating 0) and on (the default), in one run.

    .venv/bin/python bench/rating_lead.py --artifacts artifacts/demo-rules

Queries: every catalog category, alone and under a price cap at its median price, and with each of its
three most common brands. For each ranking: the share of lists whose first product is rated below 3
stars while a product rated 4 or more is on the same page, the mean rating of the first product and of
the page, and the mean relevance of the page (so a gain in rating bought with worse matches shows).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.loop import Assistant  # noqa: E402


def queries(assistant: Assistant) -> list[str]:
    catalog = assistant.engine.index.catalog
    out = []
    for category, rows in catalog.groupby("category"):
        out.append(str(category))
        out.append(f"{category} under {round(float(rows['price'].median()))}")
        out += [f"{brand} {category}" for brand in rows["brand"].value_counts().index[:3]]
    return out


def measure(assistant: Assistant, texts: list[str]) -> dict:
    led_badly, first, page, relevance = 0, [], [], []
    for text in texts:
        products = assistant.respond(assistant.new_session(), text).products
        rated = [c.product.rating for c in products if c.product.rating is not None]
        if not products or not rated:
            continue
        top = products[0].product.rating
        if top is not None and top < 3 and max(rated) >= 4:
            led_badly += 1
        first.append(top if top is not None else 3.0)
        page.append(statistics.mean(rated))
        relevance.append(statistics.mean(c.components.get("relevance", 0.0) for c in products))
    n = len(first)
    return {"lists": n, "led by < 3 stars with a 4+ on the page": round(led_badly / n, 3),
            "first product rating": round(statistics.mean(first), 2), "page rating": round(statistics.mean(page), 2),
            "page relevance": round(statistics.mean(relevance), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--artifacts", required=True)
    args = ap.parse_args()
    assistant = Assistant.load(args.artifacts)
    texts = queries(assistant)
    recsys = assistant.engine.config.recsys
    rows = {}
    for weight in (0.0, recsys.w_rating):
        assistant.engine.config = dataclasses.replace(assistant.engine.config,
                                                      recsys=dataclasses.replace(recsys, w_rating=weight))
        rows[f"w_rating {weight}"] = measure(assistant, texts)
    columns = list(next(iter(rows.values())))
    print("| ranking | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(str(row[c]) for c in columns) + " |")


if __name__ == "__main__":
    main()
