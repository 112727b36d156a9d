"""Real-page sets: hand-read gold committed in the repository, the pages' texts in a git-ignored cache.

Each set is a folder of ``<slug>.json`` gold files, each with the page's ``url`` and the SHA-256 of the text
the gold was read from (``text_sha256``), and a cache folder of ``<slug>.txt`` texts outside git (third-party
text never enters the repository). ``main`` is the command line shared by the sets' scripts:

    SCRIPT            # which texts are cached, missing or changed
    SCRIPT --stamp    # write text_sha256 into gold files that lack it
    SCRIPT --fetch    # try to download the missing pages (needs the web)
    SCRIPT --put SLUG FILE   # cache a stored copy of one page's text

``--put`` takes the text as plain UTF-8 or as one JSON string literal (the excerpt exactly as a search answer
quotes it, escapes and all); it is cached only when its SHA-256 is the one the gold was read from, and
otherwise kept apart in ``<cache>-unverified/`` for a reader to compare.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Page:
    slug: str
    gold: dict
    text_path: Path

    @cached_property
    def text(self) -> str | None:
        return self.text_path.read_text(encoding="utf-8") if self.text_path.is_file() else None

    @property
    def status(self) -> str:
        """``cached`` (the text the gold was read from), ``changed``, ``unstamped`` or ``missing``."""
        text = self.text
        if text is None:
            return "missing"
        want = self.gold.get("text_sha256")
        if want is None:
            return "unstamped"
        return "cached" if sha256(text) == want else "changed"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pages(gold_dir: Path, cache: Path) -> list[Page]:
    """Every gold file of a set, in name order, with where its text is cached."""
    return [Page(p.stem, json.loads(p.read_text(encoding="utf-8")), cache / f"{p.stem}.txt")
            for p in sorted(gold_dir.glob("*.json"))]


def usable(gold_dir: Path, cache: Path) -> list[Page]:
    """The pages whose cached text is the one their gold was read from (or not yet stamped)."""
    return [p for p in pages(gold_dir, cache) if p.status in ("cached", "unstamped")]


def _fetch(page: Page) -> str:
    """Download a page and keep its text (trafilatura); needs network access."""
    import trafilatura

    html = trafilatura.fetch_url(page.gold["url"])
    if not html:
        return "not downloaded"
    text = trafilatura.extract(html, include_comments=False, with_metadata=False)
    if not text:
        return "downloaded, but no text extracted"
    page.text_path.parent.mkdir(parents=True, exist_ok=True)
    page.text_path.write_text(text, encoding="utf-8")
    page.__dict__.pop("text", None)  # the cached_property read the file before it existed
    return "fetched (it may differ from the copy the gold was read from: see the status)"


def _put(all_pages: list[Page], slug: str, source: Path, gold_dir: Path) -> tuple[bool, str]:
    """Cache ``source`` as the text of page ``slug`` when it is the text the gold was read from."""
    found = {p.slug: p for p in all_pages}
    if slug not in found:
        return False, f"{slug}: no such page in {gold_dir}"
    raw = source.read_text(encoding="utf-8")
    text = raw
    if raw.strip().startswith('"'):
        try:
            text = json.loads(raw.strip())
        except json.JSONDecodeError as exc:
            return False, f"{source}: starts with a quote but is not one JSON string ({exc.msg})"
    page = found[slug]
    want = page.gold.get("text_sha256")
    # cached texts are text files ending with one newline; a stored copy may end with none, several or spaces
    variants = [text.rstrip("\n") + "\n", text.rstrip() + "\n", text, text.rstrip("\n"), text + "\n"]
    text = next((v for v in variants if want is not None and sha256(v) == want), variants[0])
    if want is not None and sha256(text) != want:
        aside = page.text_path.parent.with_name(page.text_path.parent.name + "-unverified") / f"{slug}.txt"
        aside.parent.mkdir(parents=True, exist_ok=True)
        aside.write_text(text, encoding="utf-8")
        return False, f"{slug}: this text is not the one the gold was read from (SHA-256 differs); kept in {aside}"
    page.text_path.parent.mkdir(parents=True, exist_ok=True)
    page.text_path.write_text(text, encoding="utf-8")
    page.__dict__.pop("text", None)
    return True, f"{slug}: cached" + ("" if want else " (unstamped: --stamp records it)")


def main(gold_dir: Path, cache: Path, argv: list[str] | None = None, description: str = "") -> int:
    parser = argparse.ArgumentParser(description=description or __doc__.splitlines()[0])
    parser.add_argument("--stamp", action="store_true", help="record the SHA-256 of cached texts not yet stamped")
    parser.add_argument("--fetch", action="store_true", help="download the missing pages")
    parser.add_argument("--put", nargs=2, metavar=("SLUG", "FILE"), help="cache FILE as the text of page SLUG")
    args = parser.parse_args(argv)
    all_pages = pages(gold_dir, cache)
    if args.put:
        ok, line = _put(all_pages, args.put[0], Path(args.put[1]), gold_dir)
        print(line, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 2
    if args.fetch:
        for p in all_pages:
            if p.status == "missing":
                print(f"{p.slug}: {_fetch(p)}")
    if args.stamp:
        for p in all_pages:
            if p.status == "unstamped":
                p.gold["text_sha256"] = sha256(p.text)
                path = gold_dir / f"{p.slug}.json"
                path.write_text(json.dumps(p.gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    counts: dict[str, list[Page]] = {}
    for p in all_pages:
        counts.setdefault(p.status, []).append(p)
    shown = gold_dir.relative_to(REPO) if gold_dir.is_relative_to(REPO) else gold_dir
    print(f"{len(all_pages)} pages in {shown}; texts in {cache}")
    for status in ("cached", "unstamped", "changed", "missing"):
        found = counts.get(status, [])
        print(f"  {status}: {len(found)}")
        if status in ("changed", "missing"):
            for p in found:
                print(f"    {p.slug}  {p.gold['url']}")
    if counts.get("missing"):
        print("Missing texts: fill them from a stored copy of each url (the search tool's pages corpus), or "
              "--fetch them where the web is reachable.", file=sys.stderr)
    return 0
