"""Which line of a saved page is its headline: a logistic regression over the lines above the story.

A page saved whole holds many lines that look like titles — site names, menus, related headlines,
teasers, captions, section labels — and the rules that work on a clean page ("the line before the
byline") pick the wrong one there. This model scores each candidate line from what the reader already
knows of it: its shape (length, case, final mark, separators), what stands beside it (a byline or date
under it, a credit, a list), how far above the story's first sentence it stands and how many title-like
lines stand between, whether the page prints it twice, and how many of its words the story's first
sentences repeat.

It was trained by ``scripts/train-headline`` (``newsdesk.read.headline_train``) on the two public HTML
benchmarks' pages rendered to text, each page's headline being its ``<h1>`` where the page's title
agrees; the weights ship in ``read/data/headline-model.json`` with what they were trained on
(``model_info``). Scoring is plain arithmetic over the stored weights.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsdesk.linear import Linear
from newsdesk.read import credits as C
from newsdesk.read import lines as L
from newsdesk.read.tokens import Token

MODEL_FILE = "headline-model.json"
ABOVE = 30  # lines above the story's first sentence that may be its headline
TOP = 12  # and the page's first lines
MARGIN = 0.15  # how much likelier than the rules' choice a line must be to replace it (a model without its own)
BODY_LINES = 12  # the story's first lines of prose whose words a headline's may share
SURE_OF_A_HEADLINE = 0.5  # where the rules find no headline (a text that opens with its story), the model must be
_ENDS = ".?!:;,…)\"”’"
_CONTENT_WORD = re.compile(r"\w{4,}")
# a picture's credit inside a line ('© AFP / Jane Doe', 'Foto: Jane Doe', 'Matyas Rehak - Adobe Stock'), an address
_CREDIT_MARK = re.compile(r"©|\b(?:foto|fotos|bild|bildquelle|quelle|photo|image|source|crédit|credit|stock)\b\s*:?",
                          re.IGNORECASE)
_ADDRESS = re.compile(r"\b(?:https?://|www\.)|\b[\w-]+\.(?:com|org|net|de|ch|at|fr|it|es|nl|co\.uk|ru|info)\b",
                      re.IGNORECASE)
_SEPARATORS = re.compile(r"\s[|»>/•·–—-]\s|\s[|»]|[|»]\s")


@dataclass(frozen=True)
class HeadlineModel:
    linear: Linear
    threshold: float  # the best candidate's probability below which the rules choose
    info: dict
    margin: float = MARGIN  # how much likelier than the rules' line the best must be (cross-validated)

    @classmethod
    def from_json(cls, data: dict) -> HeadlineModel:
        return cls(Linear.from_json(data["model"]), float(data["threshold"]), data.get("info", {}),
                   float(data.get("margin", MARGIN)))

    def to_json(self) -> dict:
        return {"info": self.info, "threshold": self.threshold, "margin": self.margin, "model": self.linear.to_json()}


def write_model(model: HeadlineModel, path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model.to_json(), f, sort_keys=True, indent=0, ensure_ascii=False)
        f.write("\n")


@cache
def shipped_model() -> HeadlineModel | None:
    """The model inside the package, loaded once per process; None when the package has none."""
    resource = resources.files("newsdesk.read") / "data" / MODEL_FILE
    if not resource.is_file():
        return None
    return HeadlineModel.from_json(json.loads(resource.read_text(encoding="utf-8")))


def model_info() -> dict | None:
    """What the shipped model was trained on and how well it did (``newsdesk doctor``)."""
    model = shipped_model()
    return None if model is None else model.info


def candidates(tokens: list[Token], story: int, rules_head: int | None = None) -> list[int]:
    """The lines that may be the headline: the page's first lines and those just above the story, and the
    rules' choice."""
    lines_idx = [i for i, t in enumerate(tokens[:story]) if t.kind == "line"]
    chosen = sorted(set(lines_idx[:TOP]) | set(lines_idx[-ABOVE:]))
    found = [i for i in chosen if 2 <= len(L.words(tokens[i].text)) <= 40
             and not L.date_line(tokens[i].text) and not L.byline(tokens[i].text)
             and not L.wire_place_line(tokens[i].text)]
    if rules_head is not None and rules_head < story and tokens[rules_head].kind == "line" and rules_head not in found:
        found = sorted([*found, rules_head])
    return found


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def _shape(text: str) -> list[str]:
    words = L.words(text)
    n = len(words)
    long_words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    caps = sum(w[:1].isupper() for w in long_words) / len(long_words) if long_words else 0.0
    end = text.rstrip()[-1:]
    f = [f"words{_bucket(n, (2, 3, 5, 8, 12, 16, 22, 30))}", "end=" + (end if end in _ENDS else "x"),
         f"caps{_bucket(caps, (0.0, 0.34, 0.67, 0.99))}", f"seps{_bucket(len(_SEPARATORS.findall(text)), (0, 1, 2))}"]
    if text.isupper():
        f.append("allcaps")
    first = text[:1]
    f.append("first=" + ("upper" if first.isupper() else "lower" if first.islower() else "digit" if first.isdigit()
                         else "quote" if first in "\"“‘'" else "other"))
    if L.find_date(text):
        f.append("has_date")
    if L.date_line(text):
        f.append("date_line")
    if L.byline(text):
        f.append("byline")
    if L.is_name_line(text):
        f.append("name_line")
    if C.split_inline_credit(text)[1] is not None:
        f.append("inline_credit")
    if _CREDIT_MARK.search(text):
        f.append("credit_mark")
    if _ADDRESS.search(text):
        f.append("address")
    if L.is_sentence(text) and n >= 12:
        f.append("sentence12")
    if any(ord(ch) > 0x2FF and ch.isalpha() for ch in text):
        f.append("non_latin")
    return f


def _neighbour(tokens: list[Token], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(tokens) and tokens[j].kind == "furniture":
        j += step
    if not 0 <= j < len(tokens):
        return "none"
    tok = tokens[j]
    if tok.kind != "line":
        return tok.kind
    if L.byline(tok.text) or L.date_line(tok.text):
        return "meta"
    n = len(L.words(tok.text))
    return "prose" if n >= 12 and L.is_sentence(tok.text) else "short" if n <= 3 else "line"


@dataclass(frozen=True)
class PageView:
    """What the features of a page's candidates look at, worked out once a page."""

    tokens: list[Token]
    story: int
    rules_head: int | None  # the line the rules chose
    cands: list[int]
    lede: set[str]
    body: set[str]  # the content words of the story's first lines (``BODY_LINES``)
    best_lede: float  # the largest share of a candidate's words that the lede repeats
    titled: frozenset[int]  # the candidates shaped like titles
    folded: list[str]  # each token of the page, case-folded
    items: list[str]  # … its list item (or its text), case-folded and trimmed


def page_view(tokens: list[Token], story: int, rules_head: int | None) -> PageView:
    cands = candidates(tokens, story, rules_head)
    above = tokens[:story]
    lede = lede_words(tokens, story)
    best = max((_share(tokens[j].text, lede) for j in cands), default=0.0)
    return PageView(tokens, story, rules_head, cands, lede, lede_words(tokens, story, BODY_LINES), best,
                    frozenset(j for j in cands if _title_shaped(tokens[j].text)),
                    [t.text.casefold() for t in tokens], [(t.value or t.text).casefold().strip() for t in above])


def features(page: PageView, i: int) -> list[str]:
    """What may make line ``i`` the headline of the page's story."""
    tokens, cands = page.tokens, page.cands
    text = tokens[i].text
    f = _shape(text)
    if i == page.rules_head:
        f.append("rules")
    above = sum(1 for t in tokens[i + 1:page.story] if t.kind == "line")
    f.append(f"above{_bucket(above, (0, 1, 2, 3, 5, 8, 12, 20))}")
    rank = sum(1 for j in page.titled if j > i)
    f.append(f"rank{_bucket(rank, (0, 1, 2, 3, 5))}")
    order = sum(1 for j in cands if j < i)
    f.append(f"order{_bucket(order, (0, 1, 2, 4))}")
    near = [j for j in range(max(0, i - 4), i) if tokens[j].kind == "line"][-3:]
    if any(L.byline(tokens[j].text) or L.date_line(tokens[j].text) for j in near):
        f.append("meta_just_above")  # under the byline and date: a role line, a dateline, the standfirst
    below3 = [j for j in range(i + 1, min(len(tokens), i + 6)) if tokens[j].kind == "line"][:3]
    if any(L.byline(tokens[j].text) or L.date_line(tokens[j].text) for j in below3):
        f.append("meta_just_below")  # a byline or date within three lines under it: the head's last lines
    key = page.folded[i]
    if len(key) >= 12 and any(j != i and key in other and not other.startswith(key) and not other.endswith(key)
                              for j, other in enumerate(page.folded)):
        f.append("inside_other")  # quoted inside another line ('Rate <headline> 1/5', 'Comments on <headline>')
    prev, nxt = _neighbour(tokens, i, -1), _neighbour(tokens, i, 1)
    f += [f"prev={prev}", f"next={nxt}", f"prev_next={prev}_{nxt}"]
    if tokens[i].repeated:
        f.append("repeated")
    if any(j != i and item == key for j, item in enumerate(page.items)):
        f.append("also_listed")  # a breadcrumb's or a menu's item
    if any(j != i and page.folded[j].startswith(key) and len(tokens[j].text) > len(text) + 2
           for j in range(page.story)):
        f.append("prefix_of_other")  # "Headline | Site name" printed elsewhere
    others = [page.folded[j] for j in cands if j != i]
    if any(len(o) > len(key) + 2 and o.endswith(key) for o in others):
        f.append("end_of_other")  # "Home » News » Headline" printed elsewhere: the headline itself
    if any(len(key) > len(o) + 2 and key.endswith(o) and len(o.split()) >= 3 for o in others):
        f.append("holds_other_at_end")  # the breadcrumb or label line that ends with the headline
    below = next((j for j in cands if j > i), None)
    if below is not None:
        mine, theirs = len(L.words(text)), len(L.words(tokens[below].text))
        f.append("below_" + ("longer" if theirs > mine + 3 else "shorter" if theirs < mine - 3 else "same"))
        if tokens[below].text.rstrip().endswith("."):
            f.append("below_ends_stop")
    share = _share(text, page.lede)
    f.append(f"lede{_bucket(share, (0.0, 0.2, 0.4, 0.6))}")
    if share > 0 and share >= page.best_lede:
        f.append("best_lede")  # no other candidate's words are repeated more by the story's first sentences
    body = _bucket(_share(text, page.body), (0.0, 0.2, 0.4, 0.6))
    f += [f"body{body}", f"body{body}_words{_bucket(len(L.words(text)), (5, 8, 16))}"]
    f.append(f"lede{_bucket(share, (0.0, 0.2, 0.4, 0.6))}_words{_bucket(len(L.words(text)), (3, 8, 16))}")
    return f


def _title_shaped(text: str) -> bool:
    n = len(L.words(text))
    return 3 <= n <= 30 and not text.rstrip().endswith(".") and not L.date_line(text) and not L.byline(text)


def _share(text: str, words: set[str]) -> float:
    """The share of the line's content words in ``words``, of three at least: 'Nairobi, Kenya' shares little."""
    mine = {w.casefold() for w in _CONTENT_WORD.findall(text)}
    return len(mine & words) / max(len(mine), 3)


def lede_words(tokens: list[Token], story: int, lines: int = 2) -> set[str]:
    """The content words of the story's first two lines (or ``lines``) of prose: markup ('<iframe …>') and
    short lines are passed over."""
    out: set[str] = set()
    taken = 0
    for tok in tokens[story:]:
        if tok.kind == "line" and "<" not in tok.text and len(L.words(tok.text)) >= 8:
            out |= {w.casefold() for w in _CONTENT_WORD.findall(tok.text)}
            taken += 1
            if taken == lines:
                break
    return out


def score(tokens: list[Token], story: int, model: HeadlineModel, rules_head: int | None) -> list[tuple[float, int]]:
    """Each candidate line's probability of being the headline, best first."""
    page = page_view(tokens, story, rules_head)
    scored = [(model.linear.probability(features(page, i)), i) for i in page.cands]
    return sorted(scored, key=lambda pi: (-pi[0], pi[1]))


def overrule(scored: list[tuple[float, int]], rules_head: int | None, threshold: float,
             margin: float = MARGIN) -> int | None:
    """The line that replaces the rules' headline, or None when theirs stands: the model's best line, when it is
    likely enough (``threshold``), and likelier by ``margin`` than the rules' line (or, where the rules found none,
    likely: a text may open with its story)."""
    if not scored or scored[0][1] == rules_head:
        return None
    theirs = next((p for p, i in scored if i == rules_head), None)
    sure = max(threshold, SURE_OF_A_HEADLINE if theirs is None else theirs + margin)
    return scored[0][1] if scored[0][0] >= sure else None
