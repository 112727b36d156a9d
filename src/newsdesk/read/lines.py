"""What one line of a saved page is: furniture, a credit, a byline, a date, a bullet, a sentence.

Rules are general (shape of the line, a phrase list kept as data in ``read/data/``), never
a particular site's strings in code.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources

_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# list marks; "+" and "o" are a text rendering's marks of nested lists ("+ Business", "o Local News")
_BULLET = re.compile(r"^\s*(?:[•▪◦●○■□►▸‣⁃∙·*]|[-–—+](?=\s)|o(?=\s+[A-ZÀ-Þ])|\d{1,2}[.)](?=\s))\s*")
_OTHER_AND = re.compile(r"\s+(?:und|y|e|et|en)\s+")
_BARE_MARKS = re.compile(r"^[\s•▪◦●○■□►▸‣⁃∙·*+]+$")  # an empty list item: the marks alone
_WORD = re.compile(r"\w+", re.UNICODE)
_ITEM_SEPARATOR = re.compile(r"\s+[·|•]\s+")
# Emoji, pictographs, dingbats, their variation selectors and joiners, and spaces between them.
_TRAILING_SYMBOLS = re.compile(r"(?:\s|[\u2190-\u2bff\u2600-\u27bf\ufe0e\ufe0f\u200d]|[\U0001f000-\U0001faff])+$")

# Continuation words: a line ending with one of these is a sentence cut off by a link.
CONTINUATION_WORDS = frozenset(
    """a an the of to in on at by for with from and or but nor as into onto over about than that which
    who whom whose said says told tells according his her their its our your my this these those
    was were is are be been has have had will would could should may might must not also after before
    between during against among including via per like near""".split()
)


def _load_patterns(name: str) -> list[re.Pattern[str]]:
    text = resources.files("newsdesk.read").joinpath("data", name).read_text(encoding="utf-8")
    return [
        re.compile(rf"(?:{line.strip()})", re.IGNORECASE)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@lru_cache(maxsize=1)
def furniture_patterns() -> list[re.Pattern[str]]:
    return _load_patterns("furniture.txt")


@lru_cache(maxsize=1)
def relative_time_patterns() -> list[re.Pattern[str]]:
    return _load_patterns("relative_times.txt")


@lru_cache(maxsize=1)
def list_header_patterns() -> list[re.Pattern[str]]:
    return _load_patterns("list_headers.txt")


@lru_cache(maxsize=1)
def summary_header_patterns() -> list[re.Pattern[str]]:
    return _load_patterns("summary_headers.txt")


@lru_cache(maxsize=1)
def end_marker_patterns() -> list[re.Pattern[str]]:
    return _load_patterns("end_markers.txt")


@lru_cache(maxsize=1)
def promo_block_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    text = resources.files("newsdesk.read").joinpath("data", "promo_blocks.txt").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            start, end = line.split("\t")
            pairs.append((re.compile(start.strip(), re.IGNORECASE), re.compile(end.strip(), re.IGNORECASE)))
    return pairs


@lru_cache(maxsize=1)
def wire_names() -> dict[str, str]:
    """Every spelling of a wire agency (lower-cased) → its canonical name."""
    text = resources.files("newsdesk.read").joinpath("data", "wires.txt").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spellings = [s.strip() for s in re.split(r"[,\t]", line) if s.strip()]
        for spelling in spellings:
            names[spelling.lower()] = spellings[0]
    return names


def canonical_wire(name: str) -> str | None:
    """'Associated Press' → 'AP'; None when ``name`` is not a wire agency."""
    return wire_names().get(name.strip().strip(".").lower())


def wire_place_line(line: str) -> str | None:
    """'Press Trust of India New Delhi', 'Xinhua, Beijing': a wire's name and the place it filed from, the agency."""
    ws = line.strip().rstrip(".").split()
    for n in range(min(5, len(ws)), 0, -1):
        agency = canonical_wire(" ".join(ws[:n]).rstrip(","))
        if agency:
            rest = ws[n:]
            place = 1 <= len(rest) <= 3 and all(w[:1].isupper() for w in rest) and not any(ch.isdigit() for ch in line)
            return agency if place else None
    return None


def _full_match(patterns: list[re.Pattern[str]], line: str) -> bool:
    s = line.strip()
    return any(p.fullmatch(s) for p in patterns)


def is_furniture(line: str) -> bool:
    """A call to action, a share button, a cookie notice, a copyright line …

    A line of several such items ("Advertisement · Scroll to continue") is furniture too.
    """
    if _full_match(furniture_patterns(), line) or _BARE_MARKS.match(line):
        return True
    parts = _ITEM_SEPARATOR.split(line.strip())
    return len(parts) > 1 and all(_full_match(furniture_patterns(), p) for p in parts if p)


def is_end_marker(line: str) -> bool:
    """A line that closes the story: newsroom credits, copyright, "Reuse this content" …"""
    return _full_match(end_marker_patterns(), line)


def promo_block_end(line: str) -> re.Pattern[str] | None:
    """When ``line`` opens a promotion box, the pattern of the line that closes it."""
    s = line.strip()
    return next((end for start, end in promo_block_patterns() if start.fullmatch(s)), None)


def is_list_header(line: str) -> bool:
    return _full_match(list_header_patterns(), line)


def is_summary_header(line: str) -> bool:
    return _full_match(summary_header_patterns(), line)


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_sentence(line: str) -> bool:
    """Does the line end like a sentence (full stop, question, colon, closing quote)?

    Emoji and other symbols some sites put after a paragraph's last sentence ("… damage. 🚀") are
    not the end of the line's text.
    """
    return bool(_TERMINAL.search(_TRAILING_SYMBOLS.sub("", line.rstrip())))


def is_sentence(line: str) -> bool:
    """A line that reads as prose: ends like a sentence and has a few words."""
    return ends_sentence(line) and len(words(line)) >= 3


def first_letter_is_lower(line: str) -> bool:
    for ch in line:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def ends_with_continuation(line: str) -> bool:
    s = line.rstrip()
    if s.endswith((",", "—", "–", "-")):
        return True
    if s.endswith(("“", "”", "»", "«", '"')):  # a quotation closed: '„… Zeit der Datennutzung an“'
        return False
    ws = words(s)
    return bool(ws) and ws[-1].lower() in CONTINUATION_WORDS and not ends_sentence(s)


def bullet_text(line: str) -> str | None:
    """The item of a bulleted line without its mark, or None when the line is no bullet."""
    m = _BULLET.match(line)
    if not m or m.end() >= len(line):
        return None
    return line[m.end():].strip()


# ---- bylines, dates and live-blog timestamps -----------------------------------------------

_NAME = r"[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’.\-]*(?:\s+(?:[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’.\-]*|van|von|de|der|da|di|del|la|le|bin|al|el))*"
_BYLINE = re.compile(rf"^(?:[Bb]y|BY|[Ww]ords by|[Ww]ritten by|[Ss]tory by|[Pp]osted by|[Tt]ext by|TEXT BY|Authors?|"
                     rf"AUTHORS?)\s*:?\s+"
                     rf"(?P<names>{_NAME}(?:\s*(?:,|and|AND|&)\s*{_NAME})*)(?P<rest>.*)$")
# "By" in other languages: Von (German), Por (Spanish, Portuguese), Par (French), Door (Dutch); the names end the
# line or a separator follows them ("Von Berlin nach Paris" is a headline)
_BYLINE_ABROAD = re.compile(rf"^(?:Von|VON|Por|POR|Par|PAR|Door)\s+"
                            rf"(?P<names>{_NAME}(?:\s*(?:,|und|y|e|et|en)\s*{_NAME})*)(?P<rest>(?:\s*[,|–—-].*)?)$")
_BYLINE_DATED = re.compile(rf"^(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s+[-–—|]\s+(?P<rest>.+)$")
# names, then the outlet or the writer's role after a comma or a bar, or "Published <date>"
_BYLINE_SIGNED = re.compile(rf"^(?P<names>{_NAME}(?:\s*(?:,|and|AND|&)\s*{_NAME})*?)"
                            rf"\s*(?:[,|]\s*|\s+(?=(?:Published|Updated|Posted)\b))(?P<rest>.+)$")
# the date first, then the writer: "Veröffentlicht am 11. Juni 2019 von Heiko", "Published 4 July 2025 by Jane Doe"
_BYLINE_AFTER_DATE = re.compile(rf"^(?P<rest>.+?\d.*?)\s+(?:[Bb]y|von|par|por|door|di|de)\s+(?P<names>{_NAME})$")
_BYLINE_IN = re.compile(rf"^(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s+in\s+{_NAME}$")
_TIMESTAMP = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}(?:[+-]\d{1,2})?)?"
    r"|\d{1,2}\s*[ap]\.?m\.?(?:\s*[A-Z]{2,4})?"
    r"|(?:\d+|an?)\s*(?:s|m|h|d|sec|secs|min|mins|minutes?|hr|hrs|hours?|days?)\s+ago)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _date_words() -> tuple[dict[str, int], list[str]]:
    """Month names (``data/dates.txt``: English, German, French, Spanish, Italian, Portuguese, Dutch, Russian) → the
    month's number; and the other words a dateline holds (weekdays, 'veröffentlicht am', 'um … Uhr')."""
    text = resources.files("newsdesk.read").joinpath("data", "dates.txt").read_text(encoding="utf-8")
    months: dict[str, int] = {}
    others: list[str] = []
    for line in text.splitlines():
        head, *names = line.split()
        if head == "words":
            others += names
        elif head.isdigit():
            months.update(dict.fromkeys(names, int(head)))
    return months, others


_MONTHS, _OTHER_DATE_WORDS = _date_words()
_MON = rf"(?P<mon>{'|'.join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))})(?!\w)\.?"
# "24. Januar 2022", "1er mars 2020", "3 de febrero de 2022", "15 августа 2016"
_DATE_PATTERNS = [
    re.compile(rf"(?<!\w)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?{_MON},?\s+(?:de\s+)?"
               rf"(?P<year>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?<!\w){_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})[./](?P<mon>\d{1,2})[./](?P<year>\d{4})\b"),
]
_OTHER_NOISE = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, _OTHER_DATE_WORDS))})(?!\w)\.?", re.IGNORECASE)
_DATE_PREFIX = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted|modified|last modified)(?: on| at)?\s*:?\s*)", re.IGNORECASE
)
_DATE_NOISE = re.compile(
    r"(?:\d{1,2}[:.]\d{2}|[ap]\.?m\.?|gmt|bst|utc|cet|cest|est|edt|et|pt|pst|sgt|ist|[+-]\d{1,2}|\b\d+\s*"
    r"(?:min|mins|minutes?|hours?|hrs?|h|days?)\b|ago|published|updated|posted|modified|last|first|on|at|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|read|\||,|·|•|-|–|—)",
    re.IGNORECASE,
)


def find_date(line: str) -> date | None:
    """The first calendar date written in ``line`` ('Sat 5 Jul 2025 06.00 BST' → 2025-07-05)."""
    for pattern in _DATE_PATTERNS:
        m = pattern.search(line)
        if not m:
            continue
        mon, day = m.group("mon"), int(m.group("day"))
        month = int(mon) if mon.isdigit() else _MONTHS.get(mon.lower().rstrip("."))
        if mon.isdigit() and (month or 0) > 12 >= day:  # "02/29/2024": written month first
            month, day = day, month
        try:
            return date(int(m.group("year")), month or 0, day)
        except ValueError:
            continue
    return None


def date_line(line: str) -> date | None:
    """The date of a line that is only a dateline stamp ('Published 4 July 2025, 10:32 BST')."""
    s = line.strip()
    found = find_date(s)
    if found is None or len(words(s)) > 16:
        return None
    rest = s
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _OTHER_NOISE.sub(" ", _DATE_NOISE.sub(" ", _DATE_PREFIX.sub("", rest)))
    return found if len(words(rest)) <= 2 else None


def is_timestamp(line: str) -> bool:
    """A live-blog entry stamp: '10:32 BST', '14.05', '2h ago', '9am', 'vor 4 Monaten', 'il y a 3 jours'."""
    return bool(_TIMESTAMP.match(line.strip())) or _full_match(relative_time_patterns(), line)


def byline(line: str) -> tuple[str, str] | None:
    """'By Jane Doe | July 4, 2025' → ('Jane Doe', '| July 4, 2025'); 'Jane Doe in Berlin' → ('Jane Doe', '')."""
    s = line.strip()
    m = _BYLINE.match(s)
    if m:
        return _without_outlet(m.group("names").strip()), m.group("rest").strip()
    m = _BYLINE_ABROAD.match(s)
    if m:  # "Von A und B": the names joined as everywhere else
        return _OTHER_AND.sub(" and ", m.group("names").strip()), m.group("rest").strip()
    m = _BYLINE_IN.match(s)
    if m and len(words(s)) <= 8 and not _starts_with_function_word(m.group("names")):
        return m.group("names").strip(), ""
    m = _BYLINE_SIGNED.match(s)  # "Jane Doe and John Roe, The Associated Press", "JANE DOE | AP |", "Jane Doe, Editor"
    if m and len(words(m.group("names"))) >= 2 and not _starts_with_function_word(m.group("names")) \
            and not _is_outlet(m.group("names").strip()) and _signed_by(m.group("rest")):
        return m.group("names").strip(), m.group("rest").strip()
    m = _BYLINE_AFTER_DATE.match(s)
    if m and len(words(s)) <= 16 and date_line(m.group("rest")) is not None:
        return m.group("names").strip(), m.group("rest").strip()
    m = _BYLINE_DATED.match(s)  # "DENYS KARLOVSKYI - WEDNESDAY, 22 JUNE 2022, 20:05"
    if m and len(words(m.group("names"))) >= 2 and not _starts_with_function_word(m.group("names")) \
            and not _is_outlet(m.group("names").strip()) and date_line(m.group("rest")) is not None:
        return m.group("names").strip(), m.group("rest").strip()
    return None


_OUTLET_TAIL = re.compile(r"\s+(?:The\s+)?(?:[A-Z][\w.&'’-]*\s+)?(?:News|Media|Press|Newsroom|Times|Post|Herald)$")


def _without_outlet(names: str) -> str:
    """'Ryan Roe Global News' → 'Ryan Roe': an outlet's name printed after the writer's, without a comma."""
    m = _OUTLET_TAIL.search(names)
    if m and len(words(names[:m.start()])) >= 2 and " and " not in names[m.start():]:
        return names[:m.start()]
    return names


def _signed_by(rest: str) -> bool:
    """What may follow a writer's names: a wire ("The Associated Press", "AP |"), a role ("US Business
    Editor"), or the date it was published."""
    head = rest.split("|")[0].strip().strip(",")
    if canonical_wire(head) or canonical_wire(re.sub(r"^[Tt]he\s+", "", head)):
        return True
    if len(words(rest)) <= 6 and _ROLE_WORDS.search(rest) and not ends_sentence(rest):
        return True
    return bool(re.match(r"(?:Published|Updated|Posted)\b", rest)) and find_date(rest) is not None


_FUNCTION_WORDS = frozenset(
    """a an the no not none all any some more most many much few this that these those what why how when
    where who which our your my his her their its new more after before as at for from in of on to with""".split())


def _starts_with_function_word(names: str) -> bool:
    """'No Progress in Peace Talks' is a subhead, not 'No Progress' reporting in 'Peace Talks'."""
    return any(w.split()[0].lower() in _FUNCTION_WORDS for w in re.split(r"\s*(?:,|\band\b|&)\s*", names) if w.split())


def _is_outlet(name: str) -> bool:
    """'CNN', 'BBC News', 'Reuters': an outlet's name rather than a person's."""
    ws = name.split()
    return bool(ws) and (canonical_wire(name) is not None or (len(ws) == 1 and name.isupper() and len(name) > 1)
                         or ws[-1] in ("News", "Media", "Staff", "Newsroom"))


_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|journalist|columnist|producer|analyst|presenter|"
    r"contributor|staff|desk|bureau|chief)\b", re.IGNORECASE)
_NAME_LINE = re.compile(rf"^{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*$")


def is_desk_name(names: str) -> bool:
    """'Staff Writer', 'Web Desk', 'Staff': a byline that names nobody."""
    ws = words(names)
    return bool(ws) and all(_ROLE_WORDS.fullmatch(w) or w.lower() in ("news", "web", "online", "our", "a")
                            for w in ws)


def is_role_line(line: str) -> bool:
    """'Environment correspondent, BBC Wales', 'Local Democracy Reporter'."""
    return len(words(line)) <= 8 and not ends_sentence(line) and bool(_ROLE_WORDS.search(line))


def is_name_line(line: str) -> bool:
    """A bare byline: two to eight capitalised name words ('Aoife Brennan and Tomasz Wróbel')."""
    n = len(words(line))
    return 2 <= n <= 8 and not any(ch.isdigit() for ch in line) and bool(_NAME_LINE.match(line.strip()))


def tidy_name(names: str) -> str:
    """'JANE DOE and JOHN ROE' → 'Jane Doe and John Roe' (keeps mixed-case names as written).

    An outlet after the names goes: 'Jane Doe, CNN' → 'Jane Doe'.
    """
    names = names.strip().rstrip(",;")
    head, _, last = names.rpartition(",")
    if head and _is_outlet(last.strip()):
        names = head.strip()
    if all(w.isupper() or w.lower() in ("and", "&") for w in names.replace(",", " ").split()):
        names = " ".join(w.capitalize() if w.isalpha() else w.title() for w in names.split())
        names = re.sub(r"\bAnd\b", "and", names)
    return names
