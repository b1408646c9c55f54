"""Recommendation configuration: one frozen dataclass, `tiny` is a preset value."""

from __future__ import annotations

from dataclasses import dataclass

# The top-N models `topn_model` names (besides "none"); defined beside the key, loading no model code.
TOPN_KINDS = ("ease", "als", "bpr")


@dataclass(frozen=True)
class RecsysConfig:
    # SVD (scikit-surprise) hyperparameters, used as-is when svd_tune is "none". The defaults
    # won a grid search on MovieLens 100k (bench/recsys_cf.py): more epochs with stronger
    # regularisation beat Surprise's defaults (20 epochs, lr 0.005, reg 0.02) by ~0.02 RMSE.
    svd_factors: int = 100
    svd_epochs: int = 60
    svd_lr: float = 0.007
    svd_reg: float = 0.1
    seed: int = 0
    # Rating scale of the ratings file.
    rating_min: float = 1.0
    rating_max: float = 5.0
    # Hyperparameter search at build time: "none" (use the svd_* values), "grid" (every
    # combination of svd_grid, GridSearchCV) or "random" (svd_tune_candidates draws from it,
    # RandomizedSearchCV). The chosen parameters are recorded in the manifest stats.
    # svd_grid is "name=v1,v2; name=v1" over surprise.SVD arguments; a string, not a dict of
    # tuples, so the config survives the JSON round trip of the manifest unchanged.
    svd_tune: str = "grid"
    svd_grid: str = "n_factors=50,100; n_epochs=30,60; lr_all=0.007; reg_all=0.05,0.1"
    svd_tune_folds: int = 3
    svd_tune_candidates: int = 6
    # Fewer ratings than this: tuning is skipped (3-fold scores on a handful of ratings are noise).
    svd_tune_min_ratings: int = 200
    # More ratings than this: the search runs on a random sample of this size (the final model
    # still trains on all ratings), so a build on millions of ratings stays minutes, not hours.
    svd_tune_max_ratings: int = 200_000
    # Parallel jobs for the search; 1 keeps the build predictable on small machines.
    n_jobs: int = 1
    # Top-N model for "recommend me something" without a query, trained on implicit feedback
    # (any rating or event = 1): "ease" (closed form, best on small catalogs), "als" or "bpr"
    # (the `implicit` library), or "none". Rating-prediction SVD ranks poorly at top-N.
    topn_model: str = "ease"
    # Ratings below this are not positive feedback for top-N ("not this one"); events always are.
    # Evaluation on public rating sets counts every rating, as the published protocol does.
    topn_min_rating: float = 3.0
    # EASE L2 penalty; chosen from the grid on a validation split when topn_tune is on.
    ease_lambda: float = 500.0
    ease_grid_lambda: str = "100,250,500,1000"
    # EASE inverts an items x items matrix: above this many items use ALS instead.
    ease_max_items: int = 20000
    topn_tune: bool = True
    # Against popularity bias: top-N percentiles minus this times the item's popularity
    # percentile (0 = off). Applied when serving, so `shopassist eval bias` can compare values.
    popularity_penalty: float = 0.0
    # implicit ALS / BPR hyperparameters (bench/recsys_topn.py tuned them on ml-100k).
    als_factors: int = 32
    als_regularization: float = 0.1
    als_iterations: int = 15
    als_alpha: float = 5.0
    bpr_factors: int = 64
    bpr_learning_rate: float = 0.01
    bpr_regularization: float = 0.01
    bpr_iterations: int = 100
    # Threads for implicit and BLAS-heavy steps.
    num_threads: int = 1
    # Final score = w_relevance * relevance + w_cf * cf + w_profile * affinity + w_rating * rating
    # (all in [0, 1]; rating is the catalog rating shrunk towards 3 stars by `rating_prior_reviews`
    # pseudo-reviews, so a 2-star product does not lead a list where 4-star matches exist, and one
    # review does not outweigh many).
    w_relevance: float = 1.0
    w_cf: float = 0.35
    w_profile: float = 0.25
    w_rating: float = 0.2
    rating_prior_reviews: float = 2.0
    # Maximal marginal relevance: 1.0 = pure score order, lower trades score for diversity.
    mmr_lambda: float = 0.8
    # Half-life (days) of purchase recency in profile affinities.
    recency_half_life_days: float = 90.0
    # Segments: RFM scores are quantiles 1..rfm_bins; k-means on variance-selected features
    # uses segment_clusters groups (0 = off) and drops features whose variance (after
    # scaling to [0, 1]) is below feature_min_variance.
    rfm_bins: int = 5
    segment_clusters: int = 0
    feature_min_variance: float = 0.01
    # Where profiles (RFM, segments, affinities) are computed: "pandas" (one process) or "spark"
    # (recsys.spark_profiles, Parquet logs in and out; pip install 'shopassist[spark]'); with "spark"
    # a top-N model that is ALS is trained by MLlib too (recsys.spark_als), EASE and BPR are not; on
    # `spark_master`: "local[*]" runs Spark embedded, "spark://host:7077" on a cluster.
    engine: str = "pandas"
    spark_master: str = "local[*]"
    # MLlib ALS's regParam for the top-N model trained on Spark (recsys.spark_als: engine "spark"
    # with topn_model "als"). MLlib scales it by each user's and item's number of pairs, implicit's
    # `als_regularization` is not scaled, so the two are separate keys; the other ALS keys are shared.
    spark_als_regularization: float = 0.01
