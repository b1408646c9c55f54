"""Names of the files a saved `ProductIndex` is made of (one place, so every store and the loader agree).

What each holds: `retrieval.store`'s docstring.
"""

INDEX_FILE = "products.faiss"
MILVUS_FILE = "milvus.json"
CATALOG_FILE = "catalog.parquet"
SLOTS_FILE = "slots.npy"
INFO_FILE = "index.json"
