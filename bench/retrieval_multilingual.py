"""Cross-lingual retrieval: Chinese queries against an English catalog, MiniLM vs multilingual e5.

    .venv/bin/python bench/retrieval_multilingual.py [--distractors 2000] [--encoders minilm,e5]

30 hand-written English products, each with a short English and a Chinese shopper query, are
added to a random sample of real BigBasket products (distractors). The relevant product of a query
is its own product. Dense search only (BM25 cannot match Chinese to English words).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from retrieval_common import markdown, save_result
from retrieval_quality import load_real_catalog

from retrieval.catalog import validate_catalog
from retrieval.config import RetrievalConfig
from retrieval.encoders import encode_queries, make_encoder
from retrieval.index import ProductIndex
from retrieval.texts import catalog_texts

# (English product title, English query, Chinese query)
PRODUCTS = [
    ("Nike Pegasus 40 running shoes, blue", "blue running shoes", "蓝色跑鞋"),
    ("Sony WH-1000XM5 wireless noise cancelling headphones", "noise cancelling headphones", "降噪耳机"),
    ("Patagonia waterproof rain jacket", "waterproof jacket", "防水夹克"),
    ("India Gate basmati rice 5 kg", "basmati rice", "印度香米"),
    ("Milton stainless steel water bottle 1 litre", "steel water bottle", "不锈钢水瓶"),
    ("Maybelline matte red lipstick", "red lipstick", "红色口红"),
    ("Tetley green tea bags, 100 pack", "green tea bags", "绿茶茶包"),
    ("Pampers baby diapers size 4", "baby diapers", "婴儿尿布"),
    ("Dettol antiseptic disinfectant liquid 500 ml", "disinfectant liquid", "消毒液"),
    ("Amul salted butter 500 g", "salted butter", "咸黄油"),
    ("Prestige aluminium pressure cooker 5 litre", "pressure cooker", "高压锅"),
    ("Colgate strong teeth toothpaste", "toothpaste", "牙膏"),
    ("Head & Shoulders anti-dandruff shampoo", "anti dandruff shampoo", "去屑洗发水"),
    ("Nescafe classic instant coffee", "instant coffee", "速溶咖啡"),
    ("Fortune sunflower cooking oil 1 L", "sunflower oil", "葵花籽油"),
    ("Lays classic salted potato chips", "potato chips", "薯片"),
    ("Cadbury Dairy Milk chocolate bar", "milk chocolate", "牛奶巧克力"),
    ("Whiskas ocean fish dry cat food", "cat food", "猫粮"),
    ("Pedigree adult dry dog food, chicken", "dog food", "狗粮"),
    ("Philips 9 W LED light bulb", "led bulb", "LED灯泡"),
    ("Logitech M185 wireless mouse", "wireless mouse", "无线鼠标"),
    ("Samsonite 24 inch hard shell suitcase", "suitcase", "行李箱"),
    ("Ray-Ban aviator sunglasses", "sunglasses", "太阳镜"),
    ("Casio digital wrist watch", "digital watch", "电子手表"),
    ("Non-slip yoga mat 6 mm", "yoga mat", "瑜伽垫"),
    ("Fresh red apples 1 kg", "red apples", "红苹果"),
    ("Organic brown eggs, pack of 12", "eggs", "鸡蛋"),
    ("Olay moisturising day face cream", "face cream", "面霜"),
    ("Gillette razor blades, 4 pack", "razor blades", "剃须刀片"),
    ("Tupperware lunch box set", "lunch box", "午餐盒"),
]


def catalog_with_targets(distractors: int) -> tuple[pd.DataFrame, list[int]]:
    catalog, _ = load_real_catalog("bigbasket")
    rows = np.random.default_rng(0).choice(len(catalog), size=distractors, replace=False)
    sample = catalog.iloc[np.sort(rows)][["product_id", "title", "price", "brand", "category"]].astype(str)
    targets = pd.DataFrame({"product_id": [f"ML{i}" for i in range(len(PRODUCTS))],
                            "title": [p[0] for p in PRODUCTS], "price": "100", "brand": "", "category": ""})
    merged = validate_catalog(pd.concat([sample, targets], ignore_index=True), "multilingual.csv")
    return merged, list(range(len(sample), len(merged)))


def evaluate(kind: str, catalog: pd.DataFrame, targets: list[int]) -> list:
    encoder = make_encoder(kind)
    index = ProductIndex(catalog, encoder.encode(catalog_texts(catalog), show_progress=True),
                         config=RetrievalConfig(index="flat", lexical_weight=0.0))
    rows = []
    for language, column in (("English", 1), ("Chinese", 2)):
        queries = encode_queries(encoder, [p[column] for p in PRODUCTS])
        ranks = []
        for vector, target in zip(queries, targets, strict=True):
            got = index.search_rows(vector, None, 10).rows.tolist()
            ranks.append(got.index(target) + 1 if target in got else None)
        top1 = np.mean([r == 1 for r in ranks])
        rows.append([encoder.name, language, float(top1), float(np.mean([r is not None for r in ranks])),
                     float(np.mean([1.0 / r if r else 0.0 for r in ranks]))])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distractors", type=int, default=2000)
    parser.add_argument("--encoders", default="minilm,e5")
    args = parser.parse_args()
    catalog, targets = catalog_with_targets(args.distractors)
    rows = [row for kind in args.encoders.split(",") for row in evaluate(kind, catalog, targets)]
    print(f"\n### Cross-lingual: {len(PRODUCTS)} queries, {len(catalog):,} products (English titles)\n")
    print(markdown(["encoder", "query language", "top-1", "recall@10", "MRR@10"], rows))
    save_result("retrieval_multilingual", {"rows": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
