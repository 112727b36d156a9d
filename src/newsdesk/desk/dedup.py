"""Near-duplicates: the same wire story run by several outlets, with their own furniture and light edits.

An article's text becomes the set of its word 5-shingles (case, accents' forms and punctuation
normalised), summarised by a 128-value MinHash ``signature``; two signatures agree in a share of
their values that estimates the Jaccard similarity of the two shingle sets. Candidates come from an
LSH index (64 bands of 2 values: a pair at Jaccard 0.3 becomes a candidate with probability 0.998,
one at 0.02 with 0.03) and a candidate is a copy when its estimated similarity reaches ``THRESHOLD``
(measured on tests/desk/fixtures/dedup: copies 0.41-1.0, different stories on the same topic at
most 0.02; see docs/desk.md) or, for a shortened copy, when nearly all its shingles are in the
candidate (``CONTAINMENT``; when the bands offer no copy, every signature is compared, since a short
lead can share no band with its whole story).

    >>> a = signature("Russia launched 539 drones and 11 missiles at Ukraine overnight, the air force said.")
    >>> b = signature("Russia launched 539 drones and 11 missiles at Ukraine overnight, the air force said on Friday.")
    >>> round(similarity(a, b), 1) >= 0.7
    True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Hashable, Iterable

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
BANDS, ROWS = 64, 2  # BANDS * ROWS == NUM_PERM
THRESHOLD = 0.3  # estimated Jaccard of 5-shingles at and above which an article is a copy of another
#: A shortened copy (an outlet running the first paragraphs of a wire story) has a low Jaccard similarity to the
#: whole story but nearly all its shingles in it: a new article is a copy of a stored one when the estimated share
#: of its shingles found in the stored one (containment) reaches CONTAINMENT, the estimated Jaccard similarity is
#: at least CONTAINMENT_FLOOR (below it the estimate is too noisy to scale up) and it has at least MIN_CONTAINED
#: shingles (two articles sharing one background paragraph are not copies). Only that way round: a longer article
#: holding a stored one (a round-up, a fuller version) says more, and is stored and analysed.
CONTAINMENT = 0.7
CONTAINMENT_FLOOR = 0.1
MIN_CONTAINED = 40

_PRIME = np.uint64((1 << 61) - 1)
_MASK = np.uint64(0xFFFFFFFF)


def _constants(name: str, count: int, bits: int) -> np.ndarray:
    """Fixed pseudo-random constants from sha256 (not numpy's generators, whose streams may change
    between releases): signatures are stored and compared across runs and versions."""
    values = [int.from_bytes(hashlib.sha256(f"newsdesk.dedup.{name}.{i}".encode()).digest()[:8], "big")
              for i in range(count)]
    return np.array([v % ((1 << bits) - 1) + 1 for v in values], dtype=np.uint64)


_A = _constants("a", NUM_PERM, 32)  # in [1, 2**32)
_B = _constants("b", NUM_PERM, 32)
_BAND_MIX = _constants("mix", ROWS, 63) | np.uint64(1)
_BAND_SALT = _constants("salt", BANDS, 63)
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, normalised: NFKC, case-folded, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """32-bit hashes (crc32: stable across processes and runs) of the text's word ``size``-shingles;
    a text shorter than ``size`` words is one shingle."""
    ws = words(text)
    if not ws:
        return set()
    if len(ws) <= size:
        return {zlib.crc32(" ".join(ws).encode("utf-8"))}
    return {zlib.crc32(" ".join(ws[i:i + size]).encode("utf-8")) for i in range(len(ws) - size + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32) of the text's shingles, or None for a text without words."""
    return _minhash(shingles(text))


def _minhash(hashes: set[int]) -> np.ndarray | None:
    if not hashes:
        return None
    hv = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    # (a*x + b) mod p with x, a, b < 2**32 cannot overflow uint64; p = 2**61 - 1 (a Mersenne prime)
    permuted = (np.outer(hv, _A) + _B) % _PRIME & _MASK
    return permuted.min(axis=0).astype(np.uint32)


def sketch(text: str) -> tuple[np.ndarray | None, int]:
    """The text's signature and the number of its distinct shingles (for containment)."""
    hashes = shingles(text)
    return _minhash(hashes), len(hashes)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """The share of A's shingles found in B, from their Jaccard similarity and set sizes:
    |A∩B| = J (|A| + |B|) / (1 + J). 0 when a size is unknown (0).

    >>> round(containment(0.2, 120, 600), 2), round(containment(0.2, 600, 120), 2)   # the first fifth of a story
    (1.0, 0.2)
    """
    if size_a <= 0 or size_b <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / ((1 + jaccard) * size_a))


def is_copy(jaccard: float, size_new: int = 0, size_stored: int = 0, threshold: float = THRESHOLD) -> bool:
    """Is a new article (``size_new`` shingles, 0 unknown) a copy of a stored one: by similarity (``THRESHOLD``),
    or, shortened, by containment in it (see ``CONTAINMENT``)?"""
    if jaccard >= threshold:
        return True
    return (jaccard >= CONTAINMENT_FLOOR and size_new >= MIN_CONTAINED
            and containment(jaccard, size_new, size_stored) >= CONTAINMENT)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def band_keys(sig: np.ndarray) -> np.ndarray:
    """One uint64 per band (its ``ROWS`` values mixed, salted by the band's number)."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):  # wrap-around multiplication is the hash
        return (rows * _BAND_MIX).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT


class NearDuplicateIndex:
    """An LSH index of signatures: ``best(sig, size)`` is the most similar indexed key that is a copy by
    ``is_copy`` (similarity at or above the threshold, or containment when both shingle counts are known).

    Memory stays small as the store grows: the signatures (512 bytes an article), their shingle counts and one
    sorted uint64 array of band keys with their owners (1 KB an article); new keys wait in a short unsorted tail.

    >>> index = NearDuplicateIndex()
    >>> index.add(7, signature("One two three four five six seven eight nine ten eleven twelve."))
    >>> index.best(signature("One two three four five six seven eight nine ten eleven twelve!"))
    (7, 1.0)
    """

    _TAIL = 512  # new entries searched linearly until they are merged into the sorted array
    _BLOCK = 1 << 17  # signatures compared at once when looking for a shortened copy among all of them

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.keys: list[Hashable] = []
        self._sigs = np.zeros((64, NUM_PERM), dtype=np.uint32)
        self._sizes = np.zeros(64, dtype=np.int64)  # shingle counts, 0 unknown
        self._sorted = np.zeros(0, dtype=np.uint64)  # band keys, sorted
        self._owner = np.zeros(0, dtype=np.int64)  # position in self.keys of each sorted band key
        self._tail: list[np.ndarray] = []  # band keys not merged yet, one array per entry
        self._tail_start = 0

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: Hashable, sig: np.ndarray, size: int = 0) -> None:
        n = len(self.keys)
        if n == len(self._sigs):
            self._sigs = np.concatenate([self._sigs, np.zeros_like(self._sigs)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])
        self._sigs[n] = sig
        self._sizes[n] = size or 0
        self.keys.append(key)
        self._tail.append(band_keys(sig))
        if len(self._tail) >= self._TAIL:
            self._merge()

    def candidates(self, sig: np.ndarray) -> set[int]:
        """Positions of indexed signatures sharing at least one band with ``sig``."""
        bands = band_keys(sig)
        found: set[int] = set()
        if len(self._sorted):
            left = np.searchsorted(self._sorted, bands, side="left")
            right = np.searchsorted(self._sorted, bands, side="right")
            for lo, hi in zip(left, right, strict=True):
                found.update(self._owner[lo:hi].tolist())
        for offset, tail in enumerate(self._tail):
            if np.any(tail == bands):
                found.add(self._tail_start + offset)
        return found

    def best(self, sig: np.ndarray, size: int = 0) -> tuple[Hashable, float] | None:
        """The most similar indexed key that ``sig`` (of ``size`` shingles, 0 unknown) is a copy of, and the
        estimated similarity; None when there is none."""
        found = self.candidates(sig)
        if found:
            positions = np.fromiter(found, dtype=np.int64, count=len(found))
            match = self._first_copy(positions, sig, size)
            if match is not None:
                return match
        if size < MIN_CONTAINED:
            return None
        # a shortened copy can be too dissimilar for the bands (at similarity 0.15 a pair shares one with
        # probability 0.77): compare with every signature, a block at a time (16 MB of comparisons at most)
        n = len(self.keys)
        for start in range(0, n, self._BLOCK):
            block = np.arange(start, min(n, start + self._BLOCK))
            scores = np.count_nonzero(self._sigs[block] == sig, axis=1) / NUM_PERM
            near = block[scores >= CONTAINMENT_FLOOR]
            if len(near):
                match = self._first_copy(near, sig, size)
                if match is not None:
                    return match
        return None

    def _first_copy(self, positions: np.ndarray, sig: np.ndarray, size: int) -> tuple[Hashable, float] | None:
        """Of the indexed signatures at ``positions``, the most similar that ``sig`` is a copy of."""
        scores = np.count_nonzero(self._sigs[positions] == sig, axis=1) / NUM_PERM
        for at in np.argsort(-scores, kind="stable"):
            score, other = float(scores[at]), int(self._sizes[positions[at]])
            if score < CONTAINMENT_FLOOR and score < self.threshold:
                return None
            if is_copy(score, size, other, self.threshold):
                return self.keys[int(positions[at])], score
        return None

    def _merge(self) -> None:
        if not self._tail:
            return
        owners = np.repeat(np.arange(self._tail_start, self._tail_start + len(self._tail)), BANDS)
        keys = np.concatenate([self._sorted, np.concatenate(self._tail)])
        owner = np.concatenate([self._owner, owners])
        order = np.argsort(keys, kind="stable")
        self._sorted, self._owner = keys[order], owner[order]
        self._tail_start += len(self._tail)
        self._tail = []


def index_from_store(store, threshold: float = THRESHOLD, index: NearDuplicateIndex | None = None,
                     after: int = 0, skip: frozenset[int] = frozenset()) -> NearDuplicateIndex:
    """The LSH index of every first copy in ``store`` (rebuilt from the stored signatures at each run); with
    ``index`` and ``after``, that index with the first copies stored after row id ``after`` added (but the row
    ids in ``skip``)."""
    index = index if index is not None else NearDuplicateIndex(threshold)
    rows = store.execute("SELECT id, signature, shingle_count FROM articles "
                            "WHERE id > ? AND duplicate_of IS NULL AND signature IS NOT NULL ORDER BY id", (after,))
    for row_id, blob, size in rows:
        if row_id not in skip:
            index.add(row_id, from_bytes(blob), size or 0)
    return index


def caught_up(store, index: NearDuplicateIndex | None, after: int,
              skip: frozenset[int] = frozenset()) -> tuple[NearDuplicateIndex, int]:
    """``index`` (None: a new one) with the first copies stored after row id ``after`` added (but the row ids in
    ``skip``), and the newest article row id: how one process sees the first copies others stored since it last
    looked. A store that shrank below ``after`` is indexed again from its start."""
    newest = store.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    if newest < after:
        index, after = None, 0
    if index is None or newest > after:
        index = index_from_store(store, index=index, after=after, skip=skip)
    return index, newest


def evaluate(groups: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> dict:
    """Pairwise precision and recall of ``is_copy`` over labelled texts.

    ``groups`` yields ``(group, text)``: texts of one group are copies of one story; every other pair
    is not. Also returns the lowest copy pair's similarity and the highest non-copy pair's similarity and
    containment, to place the thresholds.
    """
    items = [(g, *sketch(t)) for g, t in groups]
    tp = fp = fn = 0
    lowest_copy, highest_other, highest_other_containment = 1.0, 0.0, 0.0
    for i, (gi, si, ni) in enumerate(items):
        for gj, sj, nj in items[i + 1:]:
            score = similarity(si, sj) if si is not None and sj is not None else 0.0
            copy = is_copy(score, nj, ni, threshold)  # the later text is the new one
            same = gi == gj
            if same:
                lowest_copy = min(lowest_copy, score)
            else:
                highest_other = max(highest_other, score)
                highest_other_containment = max(highest_other_containment, containment(score, ni, nj),
                                                containment(score, nj, ni))
            tp += same and copy
            fp += (not same) and copy
            fn += same and not copy
    return {
        "threshold": threshold, "containment": CONTAINMENT, "pairs": len(items) * (len(items) - 1) // 2,
        "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
        "lowest_copy": round(lowest_copy, 3), "highest_other": round(highest_other, 3),
        "highest_other_containment": round(highest_other_containment, 3),
    }
