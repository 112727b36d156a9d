"""Photo credits: on their own line ('PHOTO: EPA'), or at the end of a caption in any of the
forms sites use ('Photograph: Jane Doe/AP', '(AP Photo/Jane Doe)', '[File: Jane Doe/Reuters]',
'Jane Doe/AFP/Getty Images', '(Supplied: Parks Service)')."""

from __future__ import annotations

import re

from newsdesk.read.lines import canonical_wire, words

_LABEL = (r"(?:photo(?:graph)?s?|photographer|pictures?|images?|image source|image credit|credits?|photo credit|foto|"
          r"file|supplied)")
_SEP = r"\s*(?::|,|\.{2,}|…)\s*"
_CREDIT_LINE = re.compile(rf"^{_LABEL}{_SEP}(?P<credit>.{{2,80}}?)\.?$", re.IGNORECASE)
# A labelled credit after the caption: "… on Monday. Photograph: Jane Doe/AP", "… (Image: Getty)".
_LABELLED_TAIL = re.compile(
    rf"(?:\s*[|–—-]\s*|\s+)[(\[]?{_LABEL}\s*(?::|\.{{2,}}|…)\s*(?P<credit>[^()\[\]]{{2,80}}?)[)\]]?\.?$", re.IGNORECASE
)
# Any short bracketed credit: "(AP Photo/Jane Doe)", "(ABC News: Luke Roe)", "(PTI photo)".
_BRACKET_TAIL = re.compile(r"\s[(\[](?P<credit>[^()\[\]]{2,70})[)\]]\.?$")
# An unbracketed credit after the caption's last sentence: "REUTERS/Tom Roe", "Jane Doe/AFP/Getty Images".
_SLASH_TAIL = re.compile(r"(?<=[.!?”’\"])\s+(?P<credit>[A-Z][^.!?/()]{1,40}(?:/[A-Z][^/()]{1,40}){1,3})$")
_AGENCY_WORDS = re.compile(
    r"\b(?:photos?|images?|pictures?|pool|handout|getty|epa|afp|shutterstock|supplied|file|via)\b|/", re.IGNORECASE
)
# A credit in capitals before the caption: "REUTERS/VALENTYN OGIRENKO A police officer searches …"
_SLASH_HEAD = re.compile(r"^(?P<credit>[A-Z][A-Z-]{1,15}/[A-Z][A-Z.'’ -]{2,40}?)\s+(?=[A-Z][a-z]|[A-Z]\s)")
# A credit alone on its line, without a label: "(AP Photo/Jane Doe)", "[AFP]", "Jane Doe | Getty Images",
# "JANE DOE/GETTY IMAGES", "PHOTO/Courtesy"
_BRACKETED_LINE = re.compile(r"^[(\[](?P<credit>[^()\[\]]{2,70})[)\]]$")
_BAR_LINE = re.compile(r"^(?P<credit>[A-Z][\w.'’ -]{1,40}?\s*\|\s*(?P<agency>[A-Z][\w .&'’-]{1,40}?))\s*\|?$")
_CAPS_SLASH_LINE = re.compile(r"^(?P<credit>[A-Z][A-Z.'’ -]{1,40}/[A-Z][A-Z .'’-]{1,40})$")
_PHOTO_SLASH_LINE = re.compile(r"^(?P<credit>(?:photo|foto|pic|picture)s?\s*/\s*\w[\w .'’-]{1,40})$", re.IGNORECASE)
# "… in a trench. Presidential Press Office via AP", "… in a trenchPresidential Press Office via AP"
_VIA_TAIL = re.compile(r"(?:\s|(?<=[a-z.]))(?P<credit>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,5}\svia\s"
                       r"(?:AP|Reuters|AFP|EPA|Getty Images|dpa))\.?$")
_SQUARE_WIRE_TAIL = re.compile(r"\s\[(?P<credit>[A-Za-z][\w .&/-]{1,30})\]\.?$")  # "… for the losses [AFP]"
_LEADING_LABEL = re.compile(rf"^{_LABEL}\s*:\s*", re.IGNORECASE)
_CREDIT_JUNK = re.compile(r"(?:\s*,?\s*(?:purchase licensing rights|opens new tab|buy this photo))+\s*$", re.IGNORECASE)
# a portrait's caption: a line that is only a titled name ("Mr Justice Paul McDermott.", "Cllr Aoife Byrne") — a
# byline never carries the title, a paragraph never stops at the name
_PORTRAIT = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Judge|Justice|(?:Mr|Mrs|Ms) Justice|Cllr|Councillor|Senator|Sen\.|"
    r"Rep\.|Sir|Dame|Lord|Lady|Rev|Reverend|Fr|Father|Sister)\.? (?:[A-Z][\w'’-]*\.? ){0,3}[A-Z][\w'’-]+\.?$")
_CAPTION_MARK = re.compile(r"^(?:image caption|caption|photo caption)\s*[:,]\s*", re.IGNORECASE)


def credit_line(line: str) -> str | None:
    """'PHOTO: EPA' → 'EPA'; 'Image source, Getty Images' → 'Getty Images'; else None."""
    s = line.strip()
    m = _CREDIT_LINE.match(s)
    if m and len(words(m.group("credit"))) <= 8:
        return m.group("credit").strip()
    m = _BRACKETED_LINE.match(s)  # "(Reuters)" alone credits the story; "[Reuters]" a photo
    if m and (_looks_like_credit(m.group("credit")) or (s[0] == "[" and canonical_wire(m.group("credit")))):
        return m.group("credit").strip()
    m = _BAR_LINE.match(s)  # one photographer: "JANE DOE and JOHN ROE | AP |" is a byline
    if m and (canonical_wire(m.group("agency")) or _AGENCY_WORDS.search(m.group("agency"))) \
            and not re.search(r"\s(?:and|AND|&)\s|,", s.split("|")[0]):
        return m.group("credit").strip()
    m = _PHOTO_SLASH_LINE.match(s)
    if m and len(words(m.group("credit"))) <= 8:
        return m.group("credit").strip()
    m = _CAPS_SLASH_LINE.match(s)  # "JANE DOE/GETTY IMAGES", "REUTERS/JANE DOE"; not "US/UK TALKS"
    if m and len(words(m.group("credit"))) <= 8:
        left = m.group("credit").split("/")[0]
        if canonical_wire(left) or _AGENCY_WORDS.search(m.group("credit").replace("/", " ")) or len(left.split()) >= 2:
            return m.group("credit").strip()
    return None


def split_inline_credit(line: str) -> tuple[str, str | None]:
    """A caption and the credit printed after it, or (line, None).

    >>> split_inline_credit("Fans cheer. Photograph: Jane Doe/AP")
    ('Fans cheer.', 'Jane Doe/AP')
    >>> split_inline_credit("Fans cheer. (AP Photo/Jane Doe)")
    ('Fans cheer.', 'AP Photo/Jane Doe')
    >>> split_inline_credit("REUTERS/JANE DOE Fans cheer in the square.")
    ('Fans cheer in the square.', 'REUTERS/JANE DOE')
    """
    line = _CREDIT_JUNK.sub("", line)
    m = _SLASH_HEAD.match(line)
    source = m.group("credit").split("/")[0] if m else ""
    if m and (canonical_wire(source) or _AGENCY_WORDS.search(source)):
        return line[m.end():].strip(), m.group("credit").strip()
    for pattern, accept in ((_LABELLED_TAIL, _any), (_BRACKET_TAIL, _looks_like_credit),
                            (_SLASH_TAIL, _looks_like_credit), (_VIA_TAIL, _any),
                            (_SQUARE_WIRE_TAIL, lambda c: canonical_wire(c) is not None)):
        m = pattern.search(line)
        if m and m.start() > 0 and accept(m.group("credit")) and len(words(line[: m.start()])) >= 2:
            return line[: m.start()].rstrip(" |–—-"), _LEADING_LABEL.sub("", m.group("credit").strip())
    return line, None


def _any(credit: str) -> bool:
    return len(words(credit)) <= 10


def _looks_like_credit(credit: str) -> bool:
    """Agency-like: a slash, a photo word, or a wire agency's name; short, and no sentence."""
    if len(words(credit)) > 8 or credit.rstrip().endswith(".") or canonical_wire(credit):
        return False  # "(Reuters)" alone credits the story, not a photo
    head = re.split(r"[:/ ]", credit.strip())[0]
    named = ":" in credit and head[:1].isupper() and len(words(credit)) <= 6  # "(ABC News: Luke Roe)", not a note
    return bool(_AGENCY_WORDS.search(credit) or canonical_wire(head) or named)  # ("launch areas: Yeysk and Kursk")


def is_portrait_caption(line: str) -> bool:
    """Whether ``line`` is only a titled person's name, as under a portrait.

    >>> is_portrait_caption("Mr Justice Paul McDermott."), is_portrait_caption("Mr McDermott said he would appeal.")
    (True, False)
    """
    return _PORTRAIT.match(line) is not None


def caption_mark(line: str) -> str | None:
    """'Image caption, Rescuers at work' → 'Rescuers at work'."""
    m = _CAPTION_MARK.match(line)
    return line[m.end():].strip() if m else None
