"""The figures of an attack in one sentence: weapons launched and intercepted, people killed and wounded.

Each figure starts from a quantity the language stage found ("539 drones", "at least 26 people",
"270 of them") and is read through the parse:

* a **weapon figure** counts a weapon phrase (``taxonomy.kind_of``) or "of them"/"of which" after a
  weapon was named; it was *intercepted* when the phrase is the object (or passive subject) of a
  verb such as "shot down", "intercepted", "neutralised", else *launched*; figures counted by a
  supply or production verb ("will send 10 missiles", "produces 2,700 drones a month") are not an
  attack's and are left out;
* a **casualty figure** counts people (or stands alone, "14 dead") next to a verb, adjective or
  noun of killing or wounding: "killed three people", "at least 26 were wounded", "the death toll
  rose to 14", "14 dead and 60 injured".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsdesk.events.parties import state_names
from newsdesk.events.taxonomy import kind_of
from newsdesk.language.quantity_numbers import number_value
from newsdesk.schema import Quantity

INTERCEPT_VERBS = frozenset({
    "intercept", "neutralise", "neutralize", "suppress", "repel", "repulse", "down", "destroy",
    "eliminate", "defeat", "stop", "knock", "bring", "disable", "counter",
})
INTERCEPT_PARTICLES = {"shoot": "down", "take": "out", "bring": "down", "knock": "out"}
LOST_VERBS = frozenset({"lose", "jam"})  # "123 drones were lost" (to electronic warfare), "52 were jammed"
SUPPLY_VERBS = frozenset({
    "send", "supply", "deliver", "provide", "give", "buy", "purchase", "procure", "produce", "manufacture",
    "build", "make", "order", "sell", "transfer", "pledge", "promise", "donate", "export", "import", "stockpile",
    "assemble", "receive", "need", "want", "request", "have", "possess",
})
KILL_WORDS = frozenset({
    "kill", "die", "dead", "death", "perish", "toll", "fatality", "body", "corpse", "killed", "slay", "murder",
    "claim",  # "the strike claimed 14 lives"
})
WOUND_WORDS = frozenset({"wound", "injure", "hurt", "injury", "injured", "wounded", "casualty", "hospitalise",
                         "hospitalize", "hospitalised", "hospitalized", "maim"})
PEOPLE = frozenset({
    "people", "person", "persons", "civilian", "civilians", "child", "children", "resident", "residents", "man",
    "men", "woman", "women", "soldier", "soldiers", "others", "other", "adult", "adults", "teenager", "teenagers",
    "boy", "boys", "girl", "girls", "baby", "babies", "infant", "infants", "worker", "workers", "rescuer",
    "rescuers", "passenger", "passengers", "employee", "employees", "serviceman", "servicemen", "troops",
    "villager", "villagers", "pensioner", "pensioners", "family", "member", "members", "citizen", "citizens",
    "life", "lives", "victim", "victims", "dead", "injured", "wounded", "patients",
})
NONE_INTERCEPTED = re.compile(
    r"\b(?:neither|none of the|no) ((?:[\w-]+ ){0,2}(?:missiles?|drones?|rockets?|bombs?)) (?:was|were|had been) "
    r"(?:intercepted|shot down|downed|destroyed)", re.IGNORECASE)
_WEAPON_TAIL = (r"((?:[\w-]+ ){0,4}?(?:missiles?|drones?|UAVs?|rockets?|bombs?|Shaheds?|Gerans?|unmanned (?:aerial )?"
                r"(?:aircraft|vehicles?)|(?:air |aerial )?targets))\b")
# "downed 52 out of the 54 drones", "28 of 31 Shaheds": intercepted and launched in one phrase
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_NUM = (rf"(?<![-–])(\d[\d,]*|{_TENS}(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|"
        r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
_ABOUT = r"(?:(more than|over|about|around|nearly|almost|at least|some|up to) )?"
# "downed 52 out of the 54 drones", "28 of 31 Shaheds", "more than 60 of over 70 missiles", "two of the six that were
# launched": intercepted and launched in one phrase (with no weapon after it, the weapon the sentence or the one
# before named)
OUT_OF = re.compile(rf"\b{_ABOUT}{_NUM} (?:out )?of (?:the |a total of )?{_ABOUT}{_NUM}(?: {_WEAPON_TAIL}|"
                    r"(?=,| that\b| which\b| were\b| launched\b| fired\b))", re.IGNORECASE)
QUALIFIERS = {"more than": "more_than", "over": "more_than", "about": "about", "around": "about", "nearly": "about",
              "almost": "about", "at least": "at_least", "some": "about", "up to": "up_to"}
# "all 29 drones", "both missiles", "all the 14 Shaheds" in a sentence of interception
ALL_OF = re.compile(rf"\b(?:(all) (?:the |of the )?{_NUM}|(both)(?: of the)?) " + _WEAPON_TAIL, re.IGNORECASE)
INTERCEPT_WORDS = re.compile(r"\b(?:shot|shoot|shooting|downed|down|intercept\w*|destroy\w*|neutrali[sz]\w*|"
                             r"repel\w*|eliminat\w*)\b", re.IGNORECASE)
HITS_BEFORE = re.compile(r"\b(?:hits|impacts|strikes) (?:by|of|from)\b[^.;:]*$", re.IGNORECASE)
HIT_NOUNS = frozenset({"hit", "impact", "strike", "detonation", "explosion", "debris", "wreckage", "fragment",
                       "crash"})  # "the detonation of one drone": what struck, not what was launched
RESCUE_WORDS = frozenset({"rescue", "pull", "free", "evacuate", "dig", "save"})
MISSILE_WORDS = frozenset({"missile", "cruise missile", "ballistic missile"})
CARRIERS = frozenset({"aircraft", "carrier", "plane", "airplane", "jet", "ship", "warship", "vessel", "boat",
                      "submarine", "frigate", "corvette", "launcher", "system", "type", "unit", "battery", "complex",
                      "platform", "crew", "base", "airfield", "region", "oblast", "direction", "wave", "site",
                      "factory", "plant"})
ANAPHORS = frozenset({"them", "which", "these", "those", "it", "they"})
# "all of which were shot down", "shot down all of the drones": every one launched of that kind, however many
ALL_DOWN = re.compile(r"\ball (?:of )?(?:(which|them|these|those)|the ((?:[\w-]+ ){0,2}(?:missiles|drones|UAVs|"
                      r"rockets|Shaheds)))\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WeaponFigure:
    kind: str
    model: str | None
    role: str  # "launched" | "intercepted" | "lost" | "all" (all of them intercepted: value unknown here)
    value: int
    qualifier: str
    start: int
    end: int
    scope: str | None = None  # a local count's source or place ("the mayor", "over the capital"); None: national


@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    role: str  # "killed" | "wounded" | "rescued"
    value: float
    qualifier: str
    text: str
    start: int
    end: int
    place: str | None = None  # the city or region the figure is told of ("in Kharkiv"); None: the whole attack's


def _tokens(doc: Doc, q: Quantity) -> Span | None:
    return doc.char_span(q.start, q.end, alignment_mode="expand")


def _head_noun(span: Span) -> Token:
    """The token the quantity counts: its root, or the noun after "of" ("270 of them" → them)."""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return root


def _chain(token: Token, steps: int = 4) -> list[Token]:
    """``token`` and its heads, nearest first, stopping at the sentence root."""
    out = [token]
    while token.head is not token and len(out) <= steps:
        token = token.head
        out.append(token)
    return out


def _verb_role(token: Token) -> str | None:
    """What the verb governing ``token`` does to it: "intercepted", "lost", "supplied" or None (launched)."""
    for _ in range(5):
        head = token.head
        if head is token:
            return None
        if head.lower_ == "including" and head.dep_ in ("prep", "advcl", "conj"):
            token = head  # "18 missiles were shot down, including six Kinzhals": the parts share the total's fate
            continue
        if head.pos_ in ("VERB", "AUX"):
            if token.dep_ in ("nsubj", "csubj"):  # the weapons did something: "drones struck the port"
                return "lost" if _fails(token) else None
            if token.dep_ == "prep" and token.lower_ == "of":  # "Of the 54 drones launched, 52 were shot down"
                return None
            head = _reported(head)  # "112 were confirmed to have been shot down"
            lemma = head.lemma_.lower()
            particle = next((c.lower_ for c in head.children if c.dep_ == "prt" or  # "shot down", parsed either way
                             c.dep_ == "advmod" and c.lower_ in ("down", "out")), "")
            if lemma in INTERCEPT_VERBS or INTERCEPT_PARTICLES.get(lemma) == particle:
                return "intercepted"
            if lemma in LOST_VERBS and (token.dep_ in ("nsubjpass", "nsubj") or not _shot_or(head)):
                return "lost"  # "249 were shot down and 226 were lost": each verb its own count
            if lemma in LOST_VERBS:
                return "intercepted"  # "intercepted or jammed 405 drones": one count of both
            if lemma in SUPPLY_VERBS and not _aimed(head):
                return "supplied"
            return None
        token = head
    return None


def _shot_or(verb: Token) -> bool:
    """Whether a verb of loss is joined to one of interception ("shot down or jammed")."""
    joined = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    return any(t.lemma_.lower() in INTERCEPT_VERBS or t.lemma_.lower() in INTERCEPT_PARTICLES for t in joined)


def _aimed(verb: Token) -> bool:
    """"sent 62 drones against Ukraine", "sent hundreds of drones at Kyiv": an attack, not a delivery."""
    return verb.lemma_.lower() == "send" and any(
        c.dep_ == "prep" and c.lower_ in ("against", "at", "towards", "toward", "on") for c in verb.children)


REPORT_VERBS = frozenset({"confirm", "report", "say", "believe", "know", "think", "claim", "state", "understand"})


def _reported(verb: Token) -> Token:
    """The verb a verb of saying reports on: "were confirmed to have been shot down" → shot."""
    if verb.lemma_.lower() in REPORT_VERBS:
        return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), verb)
    return verb


def _listed_weapon(doc: Doc, span: Span) -> tuple[str | None, str | None]:
    """The weapon a number counts through a list of its kinds: "465 strike and decoy drones", "78 air-, ground- and
    sea-launched missiles" (words, commas and "and" up to the weapon, no other number or clause between)."""
    for token in doc[span.end:span.end + 8]:
        kind = kind_of(token.text) if token.pos_ in ("NOUN", "PROPN") else (None, None)
        if kind[0] is not None:
            return kind
        if token.like_num or token.pos_ in ("ADP", "VERB", "AUX", "PRON", "DET") and token.dep_ != "amod" or \
                token.text in (".", ";", ":"):
            return None, None
    return None, None


def _counts_hits(token: Token) -> bool:
    """"Hits by 4 missiles were recorded", "four missile strikes": a count of what struck, not of what was launched
    (but "strikes – almost 500 attack drones" counts the drones)."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in HIT_NOUNS:
        return True
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in ("by", "of", "from") and head.head.pos_ == "NOUN" \
        and head.head.lemma_.lower() in HIT_NOUNS


def weapon_figures(doc: Doc, sent: Span, quantities: list[Quantity], last_kind: tuple[str, str | None] | None,
                   lead: tuple[str, str | None] | None = None
                   ) -> tuple[list[WeaponFigure], tuple[str, str | None] | None]:
    """The weapon figures of ``sent`` and the last weapon kind named (for "of them" in what follows); ``lead`` is
    the kind of the first count of the sentence before that counted any (what "Of these, …" opening a sentence
    refers to: "537 aerial weapons, including 477 drones and 60 missiles. Of these, 249 were shot down")."""
    found = []
    for q in quantities:
        if q.value is None or q.kind != "count" or not (sent.start_char <= q.start < sent.end_char):
            continue
        span = _tokens(doc, q)
        if span is None:
            continue
        noun = _head_noun(span)
        phrase = q.text
        if noun.i >= span.end:  # "477 of the drones": the counted noun follows the number's span
            phrase = doc[span.start:noun.i + 1].text
        kind, model = kind_of(phrase)
        if kind is None and noun.lower_ == "ones" and (told := _before(found, q.start, last_kind))[0]:
            noun_of = "drones" if told[0] == "drone" else "missiles" if told[0] in MISSILE_WORDS else None
            kind, model = kind_of(re.sub(r"\bones\b", noun_of, phrase)) if noun_of else (None, None)
            # "39 missiles, including 11 ballistic ones": the kind the adjective makes of the weapon just counted
        listed = kind is None  # "465 strike and decoy drones", "78 air, ground and sea-launched missiles"
        if listed:
            kind, model = _listed_weapon(doc, span)
        if span.root.lemma_.lower() in CARRIERS and kind_of(span.root.text)[0] is None:
            continue  # "14 missile carrier aircraft", "three missile ships": what carries the weapons
        if kind is None and noun.lower_ in ANAPHORS and last_kind is not None:
            kind, model = _before(found, q.start, last_kind)  # "70 cruise missiles …, 51 of them were destroyed"
        if kind is None:
            continue
        last_kind = (kind, model)
        role = _verb_role(span.root) or _own_clause_role(noun)
        if role == "supplied" or _counts_hits(span.root) and not listed or \
                HITS_BEFORE.search(span_text(sent)[:q.start - sent.start_char]):
            continue
        qualifier = "more_than" if span.end < len(doc) and doc[span.end].text == "+" else q.qualifier  # "400+"
        found.append(WeaponFigure(kind, model, role or "launched", int(q.value), qualifier, q.start, q.end))
    found += _bare_numbers(doc, sent, found)
    found += _anaphoric_numbers(doc, sent, found, last_kind, lead)
    found += _one_weapon(sent, found)
    if INTERCEPT_WORDS.search(span_text(sent)):
        found = _paired(sent, found, last_kind) + _all_down(sent, found, last_kind)
    for m in NONE_INTERCEPTED.finditer(span_text(sent)):  # "Neither missile was intercepted": 0
        kind, model = kind_of(m.group(1))
        if kind is not None:
            found.append(WeaponFigure(kind, model, "intercepted", 0, "exact", sent.start_char + m.start(),
                                      sent.start_char + m.end()))
    for token in sent:  # weapons named without a figure still set the kind "of them" refers to
        if token.pos_ in ("NOUN", "PROPN"):
            kind, model = kind_of(token.text)
            if kind is not None and not any(f.start <= token.idx < f.end for f in found):
                last_kind = (kind, model) if kind != "mixed" else last_kind
    found.sort(key=lambda f: f.start)  # in the order told: the first exact count of a kind is its count
    if found and (scope := local_scope(span_text(sent))) is not None:
        found = [replace(f, scope=scope) for f in found]
    return found, last_kind


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
LOCAL_PLACE = re.compile(r"\b(?:over|above|around|in) (?:the capital|the city|the region|Kyiv|the [A-Z][\w'’-]+ "
                         r"(?:region|oblast))\b(?!,| and)")
NATIONAL = re.compile(r"\b(?:air force|air forces|across (?:the country|ukraine)|nationwide|in total|in all|"
                      r"general staff|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) "
                      r"(?:regions|oblasts))\b",
                      re.IGNORECASE)


def local_scope(text: str) -> str | None:
    """The local source or place a sentence's figures are told by ("Kyiv's city administration", "over the
    capital"), None when they are the country's (the air force's, "across the country") or it names none."""
    if NATIONAL.search(text):
        return None
    m = LOCAL_SOURCE.search(text) or LOCAL_PLACE.search(text)
    return m.group(0) if m else None


def _bare_numbers(doc: Doc, sent: Span, found: list[WeaponFigure]) -> list[WeaponFigure]:
    """Numbers counting a weapon several words away, that the quantities left bare or missed ("a record 728 Shahed
    and decoy drones", "37 Iranian-designed Shahed kamikaze drones"): the number and its noun, read as above."""
    out = []
    for token in sent:
        head = token.head
        if head.lower_ == "record" and head.i < token.i:  # "a record 728 drones": the number counts the drones
            head = head.head
        if token.dep_ != "nummod" or not token.like_num or head.i <= token.i or head.pos_ not in ("NOUN", "PROPN") \
                or any(f.start <= token.idx < f.end for f in found) or not token.whitespace_ \
                or token.i > sent.start and doc[token.i - 1].lower_ in ("in", "of", "out") and doc[
                    token.i - 2].lower_ != "total" \
                or HITS_BEFORE.search(span_text(sent)[:token.idx - sent.start_char]):
            continue  # "155mm shells", "nine in ten drones", "hits by 25 drones"
        while head.dep_ in ("amod", "compound") and head.head.i > head.i and head.head.pos_ == "NOUN":
            head = head.head  # "728 Shahed [and decoy] drones": up to the noun the modifiers describe
        if head.lemma_.lower() in CARRIERS and kind_of(head.text)[0] is None:
            continue  # "14 missile carrier aircraft"
        kind, model = kind_of(doc[token.i:head.i + 1].text)
        value = number_value([token.lower_])
        if kind is None or not value or value != int(value):
            continue
        role = _verb_role(head)
        if role == "supplied" or _counts_hits(head):
            continue
        out.append(WeaponFigure(kind, model, role or "launched", int(value), "exact", token.idx, head.idx + len(head)))
    return out


def _referent(doc: Doc, token: Token, found: list[WeaponFigure], last_kind: tuple[str, str | None] | None,
              lead: tuple[str, str | None] | None = None) -> tuple[str | None, str | None]:
    """What a number standing alone counts: the noun of an "of" phrase on it or on its verb ("Of the 62 drones, 33
    were shot down"), a weapon counted earlier in the sentence ("Russia used 142 drones; 81 were downed"), else the
    weapon last named ("Of these, 33 were shot down")."""
    holders = [token, token.head] + ([token.head.head] if token.head.lower_ in ("others", "more") else [])
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                kind, model = kind_of(doc[obj.left_edge.i:obj.i + 1].text)
                if kind is not None:
                    return kind, model
                if obj.lower_ in ANAPHORS and lead is not None and prep.i == prep.sent.start:
                    return lead  # "Of these, …" opening a sentence: the count the sentence before was about
                if obj.lower_ in ANAPHORS and last_kind is not None:
                    return last_kind
    before = [f for f in found if f.end <= token.idx]
    if before:  # "Of these, 249 were shot down and 226 were lost": the count just before
        return before[-1].kind, before[-1].model
    return last_kind or (None, None)


def _own_clause_role(noun: Token) -> str | None:
    """"128 decoy drones that were lost along the way", "40 drones that were shot down": the clause on the weapon
    says what became of it."""
    for clause in noun.children:
        passive = clause.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in clause.children) or \
            clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBG") and clause.lemma_.lower() in LOST_VERBS
        if not passive:  # ("52 more drones being jammed")
            continue
        lemma = clause.lemma_.lower()
        particle = next((c.lower_ for c in clause.children if c.dep_ == "prt"), "")
        if lemma in LOST_VERBS:
            return "lost"
        if lemma in INTERCEPT_VERBS or INTERCEPT_PARTICLES.get(lemma) == particle:
            return "intercepted"
    return None


def _fails(token: Token) -> bool:
    """"51 failed to reach their targets", "12 did not reach their targets": weapons lost, not shot down."""
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_ == "be":  # "52 more drones being jammed", "12 went missing"
        return any(c.dep_ == "acomp" and c.lower_ in ("jammed", "lost", "missing") for c in head.children)
    if token.dep_ != "nsubj" or head.pos_ != "VERB":
        return False
    if head.lemma_.lower() in ("fail", "divert", "disappear", "vanish"):
        return True
    return head.lemma_.lower() == "reach" and any(c.dep_ == "neg" for c in head.children)


def _anaphoric_numbers(doc: Doc, sent: Span, found: list[WeaponFigure], last_kind: tuple[str, str | None] | None,
                       lead: tuple[str, str | None] | None = None) -> list[WeaponFigure]:
    """Numbers with no noun of their own that a verb of interception or loss governs: "Of these, 33 were shot down",
    "contact was lost with 25 others", "81 were downed, while 51 failed to reach their targets". Read only with such
    a verb: a bare number doing anything else ("10 hit Kyiv") is left alone."""
    out: list[WeaponFigure] = []
    for token in sent:
        if token.pos_ != "NUM" or not token.like_num or any(f.start <= token.idx < f.end for f in found + out):
            continue
        alone = token.dep_ in ("nsubj", "nsubjpass", "dobj")
        others = token.dep_ == "nummod" and token.head.lower_ in ("others", "more") and token.head.i == token.i + 1
        if not (alone or others):
            continue
        counted = token if alone else token.head
        role = "lost" if _fails(counted) else _verb_role(counted)
        fired = role is None and token.dep_ == "dobj" and token.head.lemma_.lower() in ("fire", "launch") and \
            not any(c.dep_ == "prep" for c in token.children)  # not "launches one of …"
        if role not in ("intercepted", "lost") and not fired:
            continue
        value = number_value([token.lower_])
        kind, model = _referent(doc, counted, found + out, last_kind, lead) if not fired else \
            _named_before(sent, token)
        if kind is None or kind == "mixed" and role == "lost" or not value or value != int(value):
            continue
        out.append(WeaponFigure(kind, model, role or "launched", int(value), "exact", token.idx,
                                counted.idx + len(counted)))
    return out


def _one_weapon(sent: Span, found: list[WeaponFigure]) -> list[WeaponFigure]:
    """"The strike on Lviv was carried out by a ballistic missile", "Kyiv was hit with an Oreshnik missile": one
    weapon, told by its article, as what an attack was done by or with; "a drone was destroyed": one shot down."""
    out = []
    for token in sent:
        if token.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            continue
        if token.dep_ == "nsubjpass" and _verb_role(token) == "intercepted":  # "a drone was destroyed over the
            kind, model = kind_of(token.text)  # Kremlin"
            if kind not in (None, "mixed", "aircraft") and not any(f.kind == kind for f in found):
                out.append(WeaponFigure(kind, model, "intercepted", 1, "exact", token.left_edge.idx,
                                        token.idx + len(token)))
            continue
        if token.dep_ != "pobj" or token.head.lower_ not in ("by", "with"):
            continue
        kind, model = kind_of(sent.doc[token.left_edge.i:token.i + 1].text)
        done_by = token.head.head
        if kind in (None, "mixed", "aircraft") or kind_of(token.text)[0] is None or \
                done_by.lemma_.lower() not in ONE_WEAPON_VERBS or any(f.kind == kind for f in found) or any(
                c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would") for c in done_by.children):
            continue  # not "a mall hit by a missile strike", "may have been hit by a cruise missile"
        out.append(WeaponFigure(kind, model, "launched", 1, "exact", token.left_edge.idx, token.idx + len(token)))
    return out


ONE_WEAPON_VERBS = frozenset({"carry", "hit", "strike", "attack", "target", "launch", "fire", "conduct", "make",
                              "deliver"})


def _named_before(sent: Span, token: Token) -> tuple[str | None, str | None]:
    """"used a variety of missile types, firing 36 in all": the one weapon kind the sentence names before the number
    (nothing when it names two)."""
    kinds = {kind_of(t.text) for t in sent if t.i < token.i and t.pos_ in ("NOUN", "PROPN")} - {(None, None)}
    kinds = {k for k in kinds if k[0] not in ("mixed", "aircraft")}
    return next(iter(kinds)) if len(kinds) == 1 else (None, None)


def _number(text: str) -> int:
    if text[:1].isdigit():
        return int(text.replace(",", ""))
    return int(sum(number_value([part]) or 0 for part in text.lower().split("-")))  # "fifty-one"


def _paired(sent: Span, found: list[WeaponFigure], last_kind: tuple[str, str | None] | None) -> list[WeaponFigure]:
    """Figures that give launched and intercepted in one phrase ("52 out of the 54 drones", "all 29 drones",
    "both missiles") replace what the quantities made of the same words."""
    pairs = []
    for m in OUT_OF.finditer(span_text(sent)):
        done, total = _number(m.group(2)), _number(m.group(4))
        if 0 < done <= total:
            pairs.append((m, total, done, m.group(5), QUALIFIERS.get((m.group(3) or "").lower(), "exact")))
    for m in ALL_OF.finditer(span_text(sent)):
        total = 2 if m.group(3) else _number(m.group(2))
        pairs.append((m, total, total, m.group(4), "exact"))
    out = list(found)
    for m, total, done, phrase, qualifier in pairs:
        kind, model = kind_of(phrase) if phrase else _before(out, sent.start_char + m.start(), last_kind)
        if kind is None:
            continue
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        out = [f for f in out if not (start <= f.start < end)]
        out.append(WeaponFigure(kind, model, "launched", total, qualifier, start, end))
        out.append(WeaponFigure(kind, model, "intercepted", done, "exact", start, end))
    return out


def _before(found: list[WeaponFigure], start: int, last_kind: tuple[str, str | None] | None
            ) -> tuple[str | None, str | None]:
    """The weapon a phrase with none of its own counts: the last one counted before it, else the last one named."""
    before = max((f for f in found if f.end <= start), key=lambda f: f.end, default=None)
    return (before.kind, before.model) if before else last_kind or (None, None)


def _all_down(sent: Span, found: list[WeaponFigure], last_kind: tuple[str, str | None] | None
              ) -> list[WeaponFigure]:
    """"…, all of which were shot down", "shot down all of the drones": an "all" figure, which merging makes the
    launched figure of that kind (told in this sentence or another)."""
    out = []
    for m in ALL_DOWN.finditer(span_text(sent)):
        start = sent.start_char + m.start()
        if m.group(2):
            kind, model = kind_of(m.group(2))
        else:
            before = [f for f in found if f.end <= start and f.role == "launched"]
            kind, model = (before[-1].kind, before[-1].model) if before else last_kind or (None, None)
        if kind is not None and not any(f.role == "intercepted" and f.kind == kind for f in found):
            out.append(WeaponFigure(kind, model, "all", 0, "exact", start, sent.start_char + m.end()))
    return out


def _object_of_casualty_verb(root: Token) -> bool:
    """"killed one person, injured 18": the verb the number is the object of decides before the clause after it
    (but "14 were killed and more than 60 injured": a conjunct keeps its own participle)."""
    head = root.head
    return root.dep_ == "dobj" and head.pos_ == "VERB" and (
        head.lemma_.lower() in KILL_WORDS or head.lemma_.lower() in WOUND_WORDS)


# words between a number of people and what happened to them: "at least 17 more were injured", "3 others were also hurt"
FILLERS = frozenset({"more", "others", "other", "people", "persons", "were", "was", "are", "is", "have", "has", "been",
                     "had", "reportedly", "also", "later", "seriously", "critically", "lightly", "slightly", "badly",
                     "severely", "being"})


def _told_next(span: Span) -> str | None:
    """The role a participle right after the number gives ("17 more were injured"), whatever the parse made of it."""
    for token in span.doc[span.end:span.end + 6]:
        if token.lower_ in FILLERS:
            continue
        if token.tag_ in ("VBN", "VBD") or token.lower_ in ("dead", "injured", "wounded"):
            if token.lemma_.lower() in KILL_WORDS or token.lower_ in KILL_WORDS:
                return "killed"
            if token.lemma_.lower() in WOUND_WORDS or token.lower_ in WOUND_WORDS:
                return "wounded"
        return None
    return None


def _casualty_role(span: Span) -> str | None:
    """"killed" or "wounded" when the words around the quantity say so."""
    if (told := _told_next(span)) is not None:
        return told
    root = span.root
    near: list[Token] = []
    for token in _chain(root, 3):
        near.append(token)
        for c in token.children:
            if c.dep_ == "nsubj" and token is not root:  # "the number of wounded rose to 23"
                near.extend(t for t in c.subtree if t.i - c.left_edge.i < 5)
            elif c.dep_ in ("advcl", "conj") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                continue  # "one person was killed, five were taken to hospital": another clause's subject
            elif c.dep_ in ("amod", "acomp", "compound", "advcl", "conj", "oprd", "xcomp") or (
                    token is root and c.dep_ in ("acl", "relcl") and not _object_of_casualty_verb(root)):
                near.append(c)  # "more than 60 injured": the number's own words before its head's
    near.extend(c for c in root.children if c.dep_ in ("amod", "acl", "relcl", "appos"))
    for tok in near:  # "killed" before "wounded": "killing 3 and wounding 26" reads each on its own chain
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if tok.i in range(span.start, span.end) and tok is not root:
            continue
        if lemma in KILL_WORDS or lower in KILL_WORDS:
            return "killed"
        if lemma in WOUND_WORDS or lower in WOUND_WORDS:
            return "wounded"
        if lemma in RESCUE_WORDS and tok.pos_ == "VERB":
            return "rescued"
    return None


ORDINAL_BODY = re.compile(r"\b(?:a|the) (second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) "
                          r"(?:body|victim|death|person (?:was|had been) killed)\b", re.IGNORECASE)
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10}


# "there were no casualties", "No one was injured", "no fatalities have been recorded": a toll of zero, which any
# figure told elsewhere for the same attack outweighs (tolls keep their largest figure)
IN_PLACE = re.compile(r"\bin (?:the )?[A-Z][a-z]+")
NO_CASUALTIES = re.compile(
    r"\b(?:no |without (?:causing )?(?:any )?)(?:(?:immediate |reported |civilian )?(casualties|victims)|"
    r"(?:immediate |reported )?(deaths|fatalities|injuries|dead|wounded|injured))\b|"
    r"\b(?:no one|nobody|no people) (?:was|were|has been|have been|had been) (?:(killed|died)|"
    r"(injured|wounded|hurt))\b", re.IGNORECASE)


def _no_casualties(sent: Span) -> list[CasualtyFigure]:
    """A toll of none, when the sentence tells it of the attack, not of one place ("damage in Odesa, but no
    casualties", a governor's "no casualties" are one region's)."""
    text = span_text(sent)
    if not NO_CASUALTIES.search(text) or local_scope(text) is not None or IN_PLACE.search(text):
        return []
    out = []
    for m in NO_CASUALTIES.finditer(text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        told = (m.group(2) or m.group(3) or "").lower()
        dead = told in ("deaths", "fatalities", "dead", "killed", "died")
        roles = ("killed", "wounded") if m.group(1) else ("killed",) if dead else ("wounded",)
        out += [CasualtyFigure(role, 0, "exact", m.group(0), start, end) for role in roles]
    return out


# No single air attack of this war killed or wounded a thousand people: a figure that large is a toll of the war
# ("nearly 85,000 Russian soldiers killed in Ukraine"), never one attack's.
WAR_TOLL = 1000


def _subset(span: Span) -> bool:
    """"four injured, including three children", "among them two teenagers": a part of a count told before it."""
    doc = span.doc
    for t in doc[max(span.start - 2, 0):span.start]:
        if t.lower_ in ("including", "among", "includes", "include"):
            return any(n.like_num or n.lower_ in ("one", "a") for n in doc[max(t.i - 6, 0):t.i])  # a count before
    return False


def _counts_weapons(doc: Doc, span: Span) -> bool:
    """"Launches 400+ Drones …, Killing 6": the number counts the weapon written right after it, not people."""
    k = span.end
    while k < len(doc) and doc[k].text in ("+", "~"):
        k += 1
    return k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") and kind_of(doc[k].text)[0] is not None


def casualty_figures(doc: Doc, sent: Span, quantities: list[Quantity]) -> list[CasualtyFigure]:
    """The killed and wounded figures of ``sent`` (and "a third body was pulled from the rubble": 3 dead; "no
    casualties": none)."""
    found = [CasualtyFigure("killed", ORDINALS[m.group(1).lower()], "exact", m.group(0),
                            sent.start_char + m.start(), sent.start_char + m.end())
             for m in ORDINAL_BODY.finditer(span_text(sent))] + _no_casualties(sent)
    for q in quantities:
        if q.value is None or q.kind not in ("count",) or not (sent.start_char <= q.start < sent.end_char):
            continue
        unit = (q.unit or "").lower()
        if unit and unit not in PEOPLE:
            continue
        span = _tokens(doc, q)
        if span is None or q.value >= WAR_TOLL or _counts_weapons(doc, span) or _subset(span):
            continue
        role = _casualty_role(span)
        if role is not None:
            found.append(CasualtyFigure(role, q.value, q.qualifier, q.text, q.start, q.end))
    found.extend(_one_person(sent, found))
    return _placed_figures(sent, found)


CAPITAL = re.compile(r"\bthe (?:capital|capital city)\b", re.IGNORECASE)


def _placed_figures(sent: Span, found: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """Each figure with the place it is told of: the first city or region named after it (before the next figure),
    else the last one named before it; a country ("in Ukraine") is the whole attack's."""
    if not found:
        return found
    places = [(e.start_char, e.text) for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")]
    places += [(sent.start_char + m.start(), "the capital") for m in CAPITAL.finditer(span_text(sent))]
    places = sorted((at, name) for at, name in places if state_names().get(name.lower()) is None)
    if not places:
        return found
    starts = sorted(f.start for f in found)
    out = []
    for f in found:
        following = next((s for s in starts if s > f.start), sent.end_char)
        after = [name for at, name in places if f.end <= at < following]
        before = [name for at, name in places if at < f.start]
        place = after[0] if after else before[-1] if before else None
        out.append(replace(f, place=place))
    return out


def _one_person(sent: Span, found: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """"a woman was killed", "killing an elderly man", "a 14-year-old boy was wounded": one person, no number ("a
    woman and a man were injured": two)."""
    out = []
    for token in sent:
        if token.tag_ != "NN" or token.lower_ not in PEOPLE or token.dep_ not in ("nsubjpass", "dobj", "nsubj"):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            continue
        start, end = token.left_edge.idx, token.idx + len(token.text)
        if any(f.start < end and start < f.end for f in found):
            continue
        role = _casualty_role(sent.doc[token.i:token.i + 1])
        # "a 51-year-old woman and a 60-year-old man were injured": one person a conjunct
        more = [c for c in token.children if c.dep_ == "conj" and c.tag_ == "NN" and c.lower_ in PEOPLE
                and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)]
        if more:
            end = more[-1].idx + len(more[-1].text)
        if role in ("killed", "wounded"):
            out.append(CasualtyFigure(role, 1 + len(more), "exact",
                                      span_text(sent)[start - sent.start_char:end - sent.start_char], start, end))
    return out
