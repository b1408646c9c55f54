"""A second opinion on the intent: a sentence-embedding classifier whose log-probabilities are
added to the LM's at the first decoded token (a product of two experts).

Why: the 5-minute fine-tune reads intents in wordings it never saw less reliably than slots
("continue the list" -> add_to_cart, "would love some cookware" -> recommend), and which such
message it misses changes with the training seed. A logistic regression over MiniLM embeddings,
trained on the same generated messages, errs on *other* messages (it knows paraphrases, not the
dialogue), so the sum of both log-probabilities corrects most of either's mistakes (docs/language-model.md
"Intent prior"). The LM still writes the whole slot string; the prior only weighs which intent
it starts with. It costs one sentence embedding a turn (a few ms).

Stored next to the fine-tuned model as one `.npz` (weights, bias and a JSON header), written
atomically: a chat process may be loading the model folder while `build` adds the file.
"""

from __future__ import annotations

import json
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import AssistantConfig
from assistant.shopdata.atomic import atomic_output
from assistant.types import INTENT_KINDS, DialogueState

PRIOR_FILE = "intent_prior.npz"
FORMAT = 1


@dataclass(frozen=True)
class PriorSettings:
    """What the prior is trained from; a stored prior with other settings is trained again."""

    encoder: str = "minilm"   # retrieval encoder name (retrieval.encoders.make_encoder)
    dialogues: int = 1000     # generated training-bank dialogues (~4 messages each)
    strength: float = 10.0    # inverse L2 regularisation (scikit-learn's C)

    def header(self) -> dict:
        return {"encoder": self.encoder, "dialogues": self.dialogues, "strength": self.strength}


def prior_settings(cfg: AssistantConfig) -> PriorSettings | None:
    """The intent prior the config asks for; None when it is off."""
    from retrieval.config import ENCODERS

    if cfg.lm_intent_prior == "none" or cfg.lm_prior_weight <= 0:
        return None
    if cfg.lm_intent_prior not in ENCODERS:
        raise ValueError(f"unknown assistant.lm_intent_prior '{cfg.lm_intent_prior}' "
                         f"(known: none, {', '.join(ENCODERS)})")
    if cfg.lm_prior_dialogues < 1:
        raise ValueError(f"assistant.lm_prior_dialogues must be at least 1, not {cfg.lm_prior_dialogues}")
    return PriorSettings(cfg.lm_intent_prior, cfg.lm_prior_dialogues)


@dataclass(frozen=True)
class IntentPrior:
    """Multinomial logistic regression over [message embedding, something shown]."""

    kinds: tuple[str, ...]
    weights: np.ndarray   # (len(kinds), features)
    bias: np.ndarray      # (len(kinds),)
    settings: PriorSettings
    messages: int = 0     # how many messages it was trained on (model card)

    def log_probs(self, message: str, state: DialogueState) -> dict[str, float]:
        """log P(kind | message, state) for every intent kind (kinds never seen get -inf)."""
        scores = features(self.settings.encoder, [message], [state]) @ self.weights.T + self.bias
        row = scores[0] - scores[0].max()
        logp = row - math.log(float(np.exp(row).sum()))
        known = dict(zip(self.kinds, logp.tolist(), strict=True))
        return {kind: known.get(kind, -math.inf) for kind in INTENT_KINDS}


def features(encoder: str, messages: Sequence[str], states: Sequence[DialogueState]) -> np.ndarray:
    """The embedding of each message plus whether a list is on screen ("the second one" needs one)."""
    from assistant.progress_bar import bars_on
    from retrieval.encoders import make_encoder

    vectors = make_encoder(encoder).encode(list(messages), show_progress=len(messages) > 1000 and bars_on())
    shown = np.array([[1.0 if s.shown else 0.0] for s in states], dtype=np.float32)
    return np.hstack([vectors, shown]).astype(np.float32)


def train_prior(messages: Sequence[str], states: Sequence[DialogueState], kinds: Sequence[str],
                settings: PriorSettings) -> IntentPrior:
    """Fit the classifier on (message, state) -> intent kind examples."""
    from sklearn.linear_model import LogisticRegression

    if not messages:
        raise ValueError("the intent prior needs training messages")
    x = features(settings.encoder, messages, states)
    model = LogisticRegression(C=settings.strength, max_iter=2000).fit(x, list(kinds))
    classes = tuple(str(c) for c in model.classes_)
    weights, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes; spell out both
        weights, bias = np.vstack([-weights[0] / 2, weights[0] / 2]), np.array([-bias[0] / 2, bias[0] / 2])
    return IntentPrior(classes, weights.astype(np.float32), bias.astype(np.float32), settings, len(messages))


def save_prior(prior: IntentPrior, folder: str | Path) -> Path:
    path = Path(folder) / PRIOR_FILE
    header = {"format": FORMAT, "kinds": list(prior.kinds), "messages": prior.messages, **prior.settings.header()}
    with atomic_output(path) as tmp, open(tmp, "wb") as handle:
        np.savez(handle, weights=prior.weights, bias=prior.bias, header=np.array(json.dumps(header)))
    return path


def load_prior(folder: str | Path) -> IntentPrior | None:
    """The prior saved in a model folder; None when it has none (fine-tuned before priors existed)."""
    path = Path(folder) / PRIOR_FILE
    if not path.exists():
        return None
    unreadable = ValueError(f"{path} is not an intent prior this version can read; delete it and rebuild")
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            weights, bias = data["weights"], data["bias"]
        settings = PriorSettings(header["encoder"], int(header["dialogues"]), float(header["strength"]))
        kinds = tuple(header["kinds"])
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise unreadable from exc
    shapes_fit = weights.ndim == 2 and weights.shape[0] == len(kinds) and bias.shape == (len(kinds),)
    if header.get("format") != FORMAT or not shapes_fit:
        raise unreadable
    return IntentPrior(kinds, weights, bias, settings, int(header.get("messages", 0)))
