"""The weapon figures of an attack in one sentence: weapons launched, intercepted and lost.

Each figure starts from a quantity the language stage found ("539 drones", "270 of them"), or from a number the
parse shows counting a weapon ("a record 728 Shahed and decoy drones", "Of these, 33 were shot down"), and is read
through the parse: it counts a weapon phrase (``taxonomy.kind_of``), or "of them"/"of which" after a weapon was
named; what the verb governing it does to it (``roles``) makes it *intercepted*, *lost* or *launched*; figures
counted by a supply or production verb ("will send 10 missiles") are not an attack's and are left out. Phrases
that give two figures at once ("52 out of the 54 drones", "all 29 drones", "both missiles") give both. Casualty
figures are read by ``tolls``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsdesk.events.roles import HITS_BEFORE, counts_hits, fails, own_clause_role, verb_role
from newsdesk.events.sentences import local_scope, quantity_tokens, span_text
from newsdesk.events.taxonomy import kind_of
from newsdesk.language.quantity_numbers import number_value
from newsdesk.schema import Quantity

NONE_INTERCEPTED = re.compile(
    r"\b(?:neither|none of the|no) ((?:[\w-]+ ){0,2}(?:missiles?|drones?|rockets?|bombs?)) (?:was|were|had been) "
    r"(?:intercepted|shot down|downed|destroyed)", re.IGNORECASE)
_WEAPON_TAIL = (r"((?:[\w-]+ ){0,4}?(?:missiles?|drones?|UAVs?|rockets?|bombs?|Shaheds?|Gerans?|unmanned (?:aerial )?"
                r"(?:aircraft|vehicles?)|(?:air |aerial )?targets))\b")
# "downed 52 out of the 54 drones", "28 of 31 Shaheds": intercepted and launched in one phrase
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER = (rf"(?<![-–])(\d[\d,]*|{_TENS}(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|"
          r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
ABOUT = r"(?:(more than|over|about|around|nearly|almost|at least|some|up to) )?"
# "downed 52 out of the 54 drones", "28 of 31 Shaheds", "more than 60 of over 70 missiles", "two of the six that were
# launched": intercepted and launched in one phrase (with no weapon after it, the weapon the sentence or the one
# before named)
OUT_OF = re.compile(rf"\b{ABOUT}{NUMBER} (?:out )?of (?:the |a total of )?{ABOUT}{NUMBER}(?: {_WEAPON_TAIL}|"
                    r"(?=,| that\b| which\b| were\b| launched\b| fired\b))", re.IGNORECASE)
QUALIFIERS = {"more than": "more_than", "over": "more_than", "about": "about", "around": "about", "nearly": "about",
              "almost": "about", "at least": "at_least", "some": "about", "up to": "up_to"}
# "all 29 drones", "both missiles", "all the 14 Shaheds" in a sentence of interception
ALL_OF = re.compile(rf"\b(?:(all) (?:the |of the )?{NUMBER}|(both)(?: of the)?) " + _WEAPON_TAIL, re.IGNORECASE)
INTERCEPT_WORDS = re.compile(r"\b(?:shot|shoot|shooting|downed|downs|downing|down|intercept\w*|destroy\w*|"
                             r"neutrali[sz]\w*|repel\w*|eliminat\w*)\b", re.IGNORECASE)
MISSILE_WORDS = frozenset({"missile", "cruise missile", "ballistic missile"})
KIND_AFTER = re.compile(r"\s+(ballistic|cruise)\b(?! missile)", re.IGNORECASE)
CARRIERS = frozenset({"aircraft", "carrier", "plane", "airplane", "jet", "ship", "warship", "vessel", "boat",
                      "submarine", "frigate", "corvette", "launcher", "system", "type", "unit", "battery", "complex",
                      "platform", "crew", "base", "airfield", "region", "oblast", "direction", "wave", "site",
                      "factory", "plant"})
ANAPHORS = frozenset({"them", "which", "these", "those", "it", "they"})
# "all of which were shot down", "shot down all of the drones": every one launched of that kind, however many
# ("shot down all cruise missiles": with no article, only right after a verb of interception)
_WEAPONS = r"(?:missiles|drones|UAVs|rockets|Shaheds)"  # a plural weapon noun
ALL_DOWN = re.compile(rf"\ball (?:of )?(?:(which|them|these|those)|the ((?:[\w-]+ ){{0,2}}{_WEAPONS}))\b|"
                      rf"\b(?:down|destroyed|intercepted|neutrali[sz]ed|downed) all ((?:[\w-]+ ){{0,2}}{_WEAPONS})\b",
                      re.IGNORECASE)


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


def _head_noun(span: Span) -> Token:
    """The token the quantity counts: its root, or the noun after "of" ("270 of them" → them)."""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return root


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
        span = quantity_tokens(doc, q)
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
            if kind in MISSILE_WORDS and (m := KIND_AFTER.match(doc.text[q.end:q.end + 14])):
                kind, model = f"{m.group(1).lower()} missile", None  # "four missiles, three of them ballistic"
        if kind is None:
            continue
        if _and_another_kind(doc.text[q.end:q.end + 40], kind):
            kind, model = "mixed", None  # "158 missiles and drones were fired": one count of both kinds
        if model is not None and AND_OTHERS.match(doc.text[q.end:q.end + 40]):
            model = None  # "2,000 Shahed attack UAVs and other unidentified drones": drones of every model
        last_kind = (kind, model)
        role = verb_role(span.root) or own_clause_role(noun)
        if role in ("supplied", "not intercepted", "fell") or counts_hits(span.root) and not listed or \
                HITS_BEFORE.search(span_text(sent)[:q.start - sent.start_char]):
            continue
        qualifier = "more_than" if span.end < len(doc) and doc[span.end].text == "+" else q.qualifier  # "400+"
        if role == "all":  # launched, and every one of them shot down
            found.append(WeaponFigure(kind, model, "all", 0, "exact", q.start, q.end))
            role = None
        found.append(WeaponFigure(kind, model, role or "launched", int(q.value), qualifier, q.start, q.end))
    found += _bare_numbers(doc, sent, found)
    found += _anaphoric_numbers(doc, sent, found, last_kind, lead)
    found = [f for f in found if not _another_part(doc, f, found)]
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
        role = verb_role(head) or own_clause_role(head)
        if role in ("supplied", "not intercepted", "fell") or counts_hits(head):
            continue
        if role == "all":
            out.append(WeaponFigure(kind, model, "all", 0, "exact", token.idx, head.idx + len(head)))
            role = None
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
    return _before(found, token.idx, last_kind)  # "Of these, 249 were shot down and 226 were lost": the count before


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
        role = "lost" if fails(counted) else verb_role(counted)
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
        if token.dep_ in ("nsubjpass", "dobj") and verb_role(token) == "intercepted":  # "a drone was destroyed over the
            kind, model = kind_of(sent.doc[token.left_edge.i:token.i + 1].text)  # Kremlin", "shot down a Kh-59
            if kind_of(token.text)[0] is None:  # cruise missile" (not "destroyed an S-400 missile system")
                continue
            if kind not in (None, "mixed", "aircraft") and not any(f.kind == kind for f in found):
                out.append(WeaponFigure(kind, model, "intercepted", 1, "exact", token.left_edge.idx,
                                        token.idx + len(token)))
            continue
        if token.dep_ == "dobj" and token.head.lemma_.lower() in INVOLVE_VERBS and not _unreal_verb(token.head):
            kind, model = kind_of(sent.doc[token.left_edge.i:token.i + 1].text)
            if kind not in (None, "mixed", "aircraft") and kind_of(token.text)[0] is not None and not any(
                    f.kind == kind for f in found):
                out.append(WeaponFigure(kind, model, "launched", 1, "exact", token.left_edge.idx,
                                        token.idx + len(token)))
            continue
        if token.dep_ != "pobj" or token.head.lower_ not in ("by", "with"):
            continue
        kind, model = kind_of(sent.doc[token.left_edge.i:token.i + 1].text)
        done_by = token.head.head
        if kind in (None, "mixed", "aircraft") or kind_of(token.text)[0] is None or \
                done_by.lemma_.lower() not in ONE_WEAPON_VERBS or any(f.kind == kind for f in found) or \
                _unreal_verb(done_by):
            continue  # not "a mall hit by a missile strike", "may have been hit by a cruise missile"
        out.append(WeaponFigure(kind, model, "launched", 1, "exact", token.left_edge.idx, token.idx + len(token)))
    return out


ONE_WEAPON_VERBS = frozenset({"carry", "hit", "strike", "attack", "target", "launch", "fire", "conduct", "make",
                              "deliver"})
INVOLVE_VERBS = frozenset({"involve", "include", "launch", "fire"})  # "an assault involving an Iskander-M missile"
AND_KIND = re.compile(rf"^\s+(?:and|or|&)\s+(?:([a-z-]+)\s+)?({_WEAPONS})\b(?!\s+of\b)")


def _and_another_kind(after: str, kind: str) -> bool:
    """"158 missiles and drones": the count's noun joined to another kind's with no number of its own (not "296
    drones and seven missiles", nor "122 rockets and cruise missiles", one family in translation)."""
    m = AND_KIND.match(after)
    if m is None or (m.group(1) and number_value([m.group(1)]) is not None):
        return False
    other = kind_of(" ".join(filter(None, m.groups())))[0]
    missiles = MISSILE_WORDS | {"rocket"}
    return other not in (None, kind) and not (other in missiles and kind in missiles)


AND_OTHERS = re.compile(r"^[\w\s-]{0,30}?\band other\b", re.IGNORECASE)


def _another_part(doc: Doc, f: WeaponFigure, found: list[WeaponFigure]) -> bool:
    """"Of these, 1,185 were destroyed, 738 were lost, and another 29 …": a part of the total, not a launch."""
    return f.role == "launched" and doc.text[max(0, f.start - 8):f.start].lower().rstrip().endswith("another") and any(
        g.role in ("intercepted", "lost") and g.kind == f.kind for g in found)


def _unreal_verb(verb: Token) -> bool:
    """"may have been hit by a cruise missile", "could launch a drone": not what happened."""
    return any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would", "will", "can") for c in verb.children)


def _named_before(sent: Span, token: Token) -> tuple[str | None, str | None]:
    """"used a variety of missile types, firing 36 in all": the one weapon kind the sentence names before the number
    (nothing when it names two)."""
    kinds = {kind_of(t.text) for t in sent if t.i < token.i and t.pos_ in ("NOUN", "PROPN")} - {(None, None)}
    kinds = {k for k in kinds if k[0] not in ("mixed", "aircraft")}
    return next(iter(kinds)) if len(kinds) == 1 else (None, None)


def count_value(text: str) -> int:
    """"1,185" → 1185, "fifty-one" → 51: a count a pattern matched, in digits or words."""
    if text[:1].isdigit():
        return int(text.replace(",", ""))
    return int(sum(number_value([part]) or 0 for part in text.lower().split("-")))  # "fifty-one"


def _paired(sent: Span, found: list[WeaponFigure], last_kind: tuple[str, str | None] | None) -> list[WeaponFigure]:
    """Figures that give launched and intercepted in one phrase ("52 out of the 54 drones", "all 29 drones",
    "both missiles") replace what the quantities made of the same words."""
    pairs = []
    for m in OUT_OF.finditer(span_text(sent)):
        done, total = count_value(m.group(2)), count_value(m.group(4))
        if 0 < done <= total:
            pairs.append((m, total, done, m.group(5), QUALIFIERS.get((m.group(3) or "").lower(), "exact")))
    for m in ALL_OF.finditer(span_text(sent)):
        if m.group(3) and not _counts_a_noun(sent, m):
            continue  # "Ukraine and Russia both said they had repelled drone attacks": both sides, not two drones
        total = 2 if m.group(3) else count_value(m.group(2))
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


def _counts_a_noun(sent: Span, m: re.Match) -> bool:
    """Whether the "both" of ``m`` counts the noun of its phrase (a determiner of it), not the sentence's subject."""
    if m.group(0).lower().startswith("both of the "):
        return True
    both = sent.doc.char_span(sent.start_char + m.start(3), sent.start_char + m.end(3))
    end = sent.start_char + m.end()
    return both is not None and both.root.idx < both.root.head.idx < end and both.root.head.pos_ in ("NOUN", "PROPN")


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
        if named := m.group(2) or m.group(3):
            kinds = [kind_of(named)]
            if kinds[0][0] == "mixed":  # "all these air targets": every kind launched before it
                kinds = list(dict.fromkeys((f.kind, f.model) for f in found if f.end <= start and f.role == "launched"))
        else:  # "81 missiles and 8 drones, all of which were shot down": each kind the sentence launched
            before = [f for f in found if f.end <= start and f.role == "launched"]
            kinds = list(dict.fromkeys((f.kind, f.model) for f in before)) if before else [last_kind or (None, None)]
        for kind, model in kinds:
            if kind is not None and not any(f.role == "intercepted" and f.kind == kind for f in found):
                out.append(WeaponFigure(kind, model, "all", 0, "exact", start, sent.start_char + m.end()))
    return out


