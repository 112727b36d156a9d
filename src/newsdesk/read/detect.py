"""What is this input? Bytes in, decoded text plus its kind, encoding and language out."""

from __future__ import annotations

import functools
import gzip
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from newsdesk.errors import (
    InputBinary,
    InputEmpty,
    InputIsDirectory,
    InputNotFound,
    InputTooLarge,
    InputUndecodable,
    InputUnreadable,
)

# Real article pages, even heavy ones, are a few MB; anything far beyond is not one article.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"RIFF": "a media file",
}
_HTML_MARKERS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]|<article[\s>]|<title>",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    kind: Literal["html", "text"]
    encoding: str
    compressed: bool = False


def max_bytes() -> int:
    """The size limit for one input, overridable with $NEWSDESK_MAX_BYTES."""
    try:
        return int(os.environ.get("NEWSDESK_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_file(path: Path) -> bytes:
    """The bytes of ``path``, or an InputError that names the path and the problem."""
    name = str(path)
    if not path.exists():
        raise InputNotFound("no such file", source=name)
    if path.is_dir():
        raise InputIsDirectory("is a directory, not an article file", source=name)
    try:
        size = path.stat().st_size
        if size > max_bytes():
            raise InputTooLarge(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes() / 1e6:.0f} MB limit for one article "
                "(set NEWSDESK_MAX_BYTES to raise it)",
                source=name,
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputUnreadable(f"cannot read file ({exc.strerror or exc})", source=name) from exc


def decode(data: bytes | str, *, source: str = "<input>") -> Decoded:
    """Decode raw input: gunzip, pick the encoding, refuse binary, tell HTML from text.

    >>> decode(b"<html><body><p>Hi</p></body></html>").kind
    'html'
    """
    if isinstance(data, str):
        text, encoding, compressed = data, "str", False
    else:
        data, compressed = _gunzip(data, source)
        if len(data) > max_bytes():
            raise InputTooLarge(f"input is {len(data) / 1e6:.1f} MB, over the limit for one article", source=source)
        _refuse_binary(data, source)
        text, encoding = _to_text(data, source)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputEmpty("input is empty (no text at all)", source=source)
    if "\x00" in text:
        raise InputBinary("input contains NUL bytes: it is binary, not text or HTML", source=source)
    kind: Literal["html", "text"] = "html" if looks_like_html(text) else "text"
    return Decoded(text=text, kind=kind, encoding=encoding, compressed=compressed)


def looks_like_html(text: str) -> bool:
    """True when the input is markup rather than a page saved as text."""
    head = text[:5000]
    if head.lstrip().startswith("<") and _HTML_MARKERS.search(head):
        return True
    return len(_HTML_MARKERS.findall(text[:20000])) >= 3


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:4000]
    if len(sample.split()) < 5:
        return None
    lang, _probability = _identifier().classify(sample)
    return lang


def confident_language(text: str, *, min_words: int = 20, min_probability: float = 0.9) -> str | None:
    """The text's language when the identifier is sure of it (a probability of at least ``min_probability`` on at
    least ``min_words`` words), else None: a short or mixed text is never judged foreign by mistake."""
    sample = text[:4000]
    if len(sample.split()) < min_words:
        return None
    lang, probability = _identifier().classify(sample)
    return lang if probability >= min_probability else None


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _gunzip(data: bytes, source: str) -> tuple[bytes, bool]:
    if not data.startswith(b"\x1f\x8b"):
        return data, False
    try:
        # Bounded decompression: a gzip bomb must not exhaust memory.
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, max_bytes() + 1)
    except (OSError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputBinary(f"looks gzip-compressed but cannot be decompressed ({exc})", source=source) from exc
    if len(out) > max_bytes():
        raise InputTooLarge("decompressed input is over the size limit for one article", source=source)
    if not inflater.eof:
        raise InputBinary("gzip data is truncated (the file was cut short)", source=source)
    return out, True


def _refuse_binary(data: bytes, source: str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputBinary(f"is {what}, not an article (text or HTML)", source=source)
    sample = data[:8192]
    if _is_utf16(sample):  # every other byte of UTF-16 is a NUL: judge its characters, not its bytes
        sample = sample.decode(_utf16(sample), errors="ignore").encode("utf-8")
    if b"\x00" in sample:
        raise InputBinary("contains NUL bytes: it is binary, not text or HTML", source=source)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if sample and controls / len(sample) > 0.05:
        raise InputBinary("is mostly control bytes: binary, not text or HTML", source=source)


def _is_utf16(sample: bytes) -> bool:
    """A UTF-16 byte-order mark (little or big endian) opens the data."""
    return sample.startswith((b"\xff\xfe", b"\xfe\xff")) and not sample.startswith(b"\xff\xfe\x00\x00")


def _utf16(sample: bytes) -> str:
    return "utf-16-le" if sample.startswith(b"\xff\xfe") else "utf-16-be"


def _to_text(data: bytes, source: str) -> tuple[str, str]:
    if _is_utf16(data):
        try:
            return data[2:].decode(_utf16(data)), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputUndecodable(f"opens with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})",
                                   source=source) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    raise InputUndecodable("is not UTF-8 and its encoding cannot be recognised", source=source)
