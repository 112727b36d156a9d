"""Grouping name spans into referents: one per real-world person, organisation or place.

"Donald Trump", "Mr Trump" and "Trump" are one referent; "EU" joins "European Union"; a lone first
name ("Tymur") stays itself. A surname shared by two people goes to the one mentioned last.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsdesk.language.entity_lexicon import ACRONYM_STOPWORDS, GENDERED_ROLE_WORDS, HONORIFICS, NAME_PARTICLES
from newsdesk.language.spans import NameSpan, name_key

Key = tuple[str, ...]


@dataclass(slots=True, eq=False)
class Referent:
    """One referent of the article: its name spans, other mentions (token spans), roles, gender."""

    label: str
    names: list[NameSpan] = field(default_factory=list)
    keys: set[Key] = field(default_factory=set)
    others: list[tuple[int, int]] = field(default_factory=list)  # pronouns, descriptions
    roles: list[str] = field(default_factory=list)
    genders: set[str] = field(default_factory=set)  # from honorifics and gendered roles
    pronoun_genders: set[str] = field(default_factory=set)  # from the pronouns resolved to it

    @property
    def gender(self) -> str | None:
        """"m" or "f" when the text says so without contradiction: honorifics and gendered roles
        ("Mrs", "spokeswoman"), else the pronouns already resolved to it."""
        for said in (self.genders, self.pronoun_genders):
            if said:
                return next(iter(said)) if len(said) == 1 else None
        return None

    def add_name(self, span: NameSpan, key: Key) -> None:
        """Add one name span; its honorific tells the gender ("Mrs")."""
        self.names.append(span)
        self.keys.add(key)
        if span.honorific and HONORIFICS.get(span.honorific):
            self.genders.add(HONORIFICS[span.honorific])

    def add_role(self, role: str) -> None:
        """Add a role unless a fuller one is known ("President" beside "US President")."""
        words = role.casefold().split()
        for i, known in enumerate(self.roles):
            known_words = known.casefold().split()
            if known_words[-len(words):] == words:
                return
            if words[-len(known_words):] == known_words:
                self.roles[i] = role
                return
        self.roles.append(role)
        if words[-1] in GENDERED_ROLE_WORDS:
            self.genders.add(GENDERED_ROLE_WORDS[words[-1]])

    def starts(self) -> list[int]:
        """Token starts of every mention so far."""
        return [s.start for s in self.names] + [start for start, _ in self.others]

    def type(self) -> str:
        """The label most of its names carry."""
        return Counter(s.label for s in self.names).most_common(1)[0][0]


def assign(doc: Doc, span: NameSpan, refs: list[Referent]) -> Referent:
    """Add ``span`` to the referent it names, or to a new referent appended to ``refs``."""
    key = name_key(doc, span)
    if span.label == "PERSON":
        candidates = [r for r in refs if r.label == "PERSON" and _same_person(key, r.keys)]
        wanted = HONORIFICS.get(span.honorific or "")
        candidates = [r for r in candidates if not (wanted and r.gender and r.gender != wanted)]
    else:
        candidates = [r for r in refs if r.label != "PERSON" and _same_thing(key, r.keys)]
    if span.label == "PERSON" and not candidates and not span.honorific:
        candidates = _same_first_name(key, refs)
    ref = min(candidates, key=lambda r: _distance(r, span.start)) if candidates else None
    if ref is None:
        ref = Referent(span.label)
        refs.append(ref)
    ref.add_name(span, key)
    return ref


def _distance(ref: Referent, pos: int) -> int:
    """How far back the referent was last mentioned before ``pos`` (after it: much further)."""
    before = [pos - s for s in ref.starts() if s <= pos]
    return min(before) if before else 10**9 + min(s - pos for s in ref.starts())


def _same_person(key: Key, keys: set[Key]) -> bool:
    """True when ``key`` can name the person known by ``keys``, agreeing with every full name."""
    full = [k for k in keys if len(k) > 1]
    return any(_names_agree(key, k) for k in keys) and all(_names_agree(key, k) for k in full)


def _names_agree(a: Key, b: Key) -> bool:
    """Same person's names: one is the other's surname part, or first and last names agree."""
    short, long = sorted((a, b), key=len)
    if long[len(long) - len(short):] == short and any(w not in NAME_PARTICLES for w in short):
        return True
    return len(short) > 1 and short[0] == long[0] and short[-1] == long[-1]


def _same_first_name(key: Key, refs: list[Referent]) -> list[Referent]:
    """The one person whose first name is ``key`` ("Julia" → "Julia Louis-Dreyfus"), or the one
    first-name-only person a full name starts with; none when two people share the first name."""
    if len(key) == 1:
        found = [r for r in refs if r.label == "PERSON" and any(len(k) > 1 and k[0] == key[0] for k in r.keys)]
    else:
        found = [r for r in refs if r.label == "PERSON" and r.keys == {key[:1]}]
    others = [r for r in refs if r.label == "PERSON" and any(len(k) > 1 and k[0] == key[0] and k != key
                                                               for k in r.keys) and r not in found]
    return found if len(found) == 1 and not others else []


def _same_thing(key: Key, keys: set[Key]) -> bool:
    """True when ``key`` names the organisation or place known by ``keys`` (same, acronym, plural)."""
    return any(key == k or _acronym_of(key, k) or _acronym_of(k, key) or _plural_of(key, k)
               or _plural_of(k, key) for k in keys)


def _acronym_of(short: Key, long: Key) -> bool:
    """True for "EU" and "European Union", "US" and "United States"."""
    if len(short) != 1 or len(long) < 2 or not 2 <= len(short[0]) <= 6:
        return False
    return short[0] == "".join(w[0] for w in long if w not in ACRONYM_STOPWORDS and w)


def _plural_of(plural: Key, single: Key) -> bool:
    """True for "Ukrainians" and "Ukrainian" (groups named by their adjective and plural)."""
    return len(plural) == len(single) and plural[:-1] == single[:-1] and plural[-1] == single[-1] + "s"
