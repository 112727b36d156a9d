"""Reading a CSV file the user gives (the reference data, its categories): its rows keyed by column, each error a
clear line naming the file, and its count cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from newsdesk.errors import (
    InputEmpty,
    InputError,
    InputIsDirectory,
    InputNotFound,
    InputUndecodable,
    InputUnreadable,
)


def read_csv(path: Path, *, required: tuple[str, ...], one_of: tuple[str, ...] = ()) -> tuple[list[dict], list]:
    """The rows of a CSV as dicts keyed by stripped lower-case column names; errors name the file."""
    name = str(path)
    if not path.exists():
        raise InputNotFound("no such file", source=name)
    if path.is_dir():
        raise InputIsDirectory("is a directory, not a CSV file", source=name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputUnreadable(f"cannot read file ({exc.strerror or exc})", source=name) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputUndecodable(f"is not UTF-8 text (byte {exc.start}): not a CSV file", source=name) from exc
    if not text.strip():
        raise InputEmpty("file is empty", source=name)
    if "\x00" in text:
        raise InputError("contains NUL bytes: binary, not a CSV file", source=name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().casefold() for h in next(reader)]
        missing = [c for c in required if c not in header]
        if one_of and not any(c in header for c in one_of):
            missing.append(" or ".join(one_of))
        if missing:
            raise InputError(f"not the expected CSV: missing column{'s' if len(missing) > 1 else ''} "
                             f"{', '.join(missing)}", source=name)
        rows = [dict(zip(header, values, strict=False)) for values in reader if any(v.strip() for v in values)]
    except csv.Error as exc:
        raise InputError(f"cannot be read as CSV ({exc})", source=name) from exc
    return rows, header



def count_cell(value: str | None) -> int | None | str:
    """A count cell: an int, None when blank, or "bad" when it cannot be read ("93.0" → 93)."""
    text = (value or "").strip()
    if not text or text.casefold() in {"nan", "none", "null", "-"}:
        return None
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return "bad"
    if number < 0 or number != number or number != int(number):
        return "bad"
    return int(number)
