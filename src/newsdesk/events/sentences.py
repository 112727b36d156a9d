"""Reading one sentence of a report, for every kind of figure: its text (built once), the tokens of a quantity and
the heads above a token, whether it is a photo caption left in the text, whether its counts are one city's or
region's, and the span an event cites as its evidence."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsdesk.schema import Quantity
from newsdesk.schema import Span as CharSpan


def quantity_tokens(doc: Doc, q: Quantity) -> Span | None:
    return doc.char_span(q.start, q.end, alignment_mode="expand")



def head_chain(token: Token, steps: int = 4) -> list[Token]:
    """``token`` and its heads, nearest first, stopping at the sentence root."""
    out = [token]
    while token.head.i != token.i and len(out) <= steps:
        token = token.head
        out.append(token)
    return out



# verbs that report what someone said ("the ministry said", "the governor wrote on Telegram")
SAY_VERBS = frozenset({"say", "tell", "add", "report", "announce", "state", "claim", "write", "note"})



@lru_cache(maxsize=64)
def span_text(sent: Span) -> str:
    """A sentence's text, built once: spaCy joins its tokens again at every ``Span.text``, and each sentence is read
    by a dozen patterns."""
    return sent.text



# A count one city or region gives of its own skies, beside the air force's count of the whole country's.
LOCAL_SOURCE = re.compile(
    r"(?:\b[A-Z][\w'’-]+(?:'s|’s) (?:city |regional )?(?:military |state )?administration|\b(?:mayor|governor|city "
    r"(?:military )?administration|(?:regional|oblast|city) (?:state |military )?"
    r"administration|city council|head of the [A-Z][\w'’-]+ (?:region|oblast)|[A-Z][\w'’-]+ (?:region|oblast)'s "
    r"(?:governor|head))\b)", re.IGNORECASE)



LOCAL_PLACE = re.compile(r"\b(?:over|above|around|in|(?:directed|aimed|headed|heading|flying) (?:at|for|towards?)|"
                         r"bound for) (?:the capital|the city|the region|Kyiv|Moscow|the [A-Z][\w'’-]+ "
                         r"(?:region|oblast))\b(?!,| and)")



OWN_PLACE = re.compile(r"\b(?:over|above|in) (?:his|her|their) (?:region|oblast|city|province|district)\b",
                       re.IGNORECASE)



NATIONAL = re.compile(r"\b(?:air force|air forces|across (?:the country|ukraine)|nationwide|in total|in all|"
                      r"general staff|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) "
                      r"(?:regions|oblasts))\b",
                      re.IGNORECASE)



def local_scope(text: str) -> str | None:
    """The local source or place a sentence's figures are told by ("Kyiv's city administration", "over the
    capital"), None when they are the country's (the air force's, "across the country") or it names none; a governor's
    "over his region" is local whoever shot them down ("the air force destroyed 13 drones over his region")."""
    if m := OWN_PLACE.search(text):
        return m.group(0)
    if NATIONAL.search(text):
        return None
    m = LOCAL_SOURCE.search(text) or LOCAL_PLACE.search(text)
    return m.group(0) if m else None


# a photo's caption left in the text: "… in Kyiv, Ukraine, on January 23 2026." / "… November 23, 2022. REUTERS/…"
CAPTION_DATE = re.compile(r"(?:\b(?:january|february|march|april|may|june|july|august|september|october|november|"
                          r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? \d{1,2},? \d{4}|\b\d{1,2} "
                          r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
                          r",? \d{4})\.?\s*(?:REUTERS/.*|\(.*\))?\s*$", re.IGNORECASE)



CAPTION_CREDIT = re.compile(r"\((?:AP )?Photo ?[:/]|\bvia Getty Images\)|/ ?Photo:|\| ?Photo Credit:|\bREUTERS/[A-Z]|"
                            r"\[REUTERS/|\b(?:handout )?(?:picture|photo|photograph|image) (?:taken|released|provided|"
                            r"obtained)\b|\bin this (?:handout )?(?:image|photo|picture)\b", re.IGNORECASE)



def is_caption(sent: Span) -> bool:
    """A photo caption left in the text, which never makes or dates an attack: a sentence carrying a photo credit, or
    a present-tense description ("A view shows …", "… stands by a window …") ending with a date and its year."""
    text = span_text(sent).strip()
    if CAPTION_CREDIT.search(text):
        return True
    return sent.root.tag_ in ("VBZ", "VBP") and bool(CAPTION_DATE.search(text))



def evidence_span(sent: Span) -> CharSpan:
    """The sentence's characters without the spaces around it (an event's evidence)."""
    text = span_text(sent)
    start = len(text) - len(text.lstrip())
    return CharSpan(start=sent.start_char + start, end=sent.start_char + len(text.rstrip()))
