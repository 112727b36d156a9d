"""Our event types, their PLOVER root categories and ACLED sub-event types, and the weapon vocabulary.

The table is documented for users in docs/events.md; tests check the two agree.

PLOVER (Political Language Ontology for Verifiable Event Records) names what one actor does to
another in 16 root categories; ACLED names how political violence was done (its sub-event types).
An event carries our ``type`` and ``subtype``, PLOVER's root category and, for violence, ACLED's
sub-event type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# type → (PLOVER root category, ACLED sub-event type or None)
EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "attack": ("ASSAULT", "Shelling/artillery/missile attack"),
    "protected_site_damage": ("ASSAULT", "Shelling/artillery/missile attack"),
    "territorial_claim": ("ASSAULT", "Armed clash"),
    "diplomacy": ("CONSULT", None),
    "prisoner_exchange": ("CONCEDE", None),
    "aid": ("AID", None),
}

# diplomacy and aid subtypes whose PLOVER category differs from the type's
SUBTYPE_PLOVER: dict[tuple[str, str], str] = {
    ("diplomacy", "agreement"): "AGREE",
    ("diplomacy", "appeal"): "REQUEST",
    ("diplomacy", "rejection"): "REJECT",
    ("aid", "reduction"): "SANCTION",
}

# ACLED distinguishes strikes from the air from fire from the ground
AIR_KINDS = frozenset({"drone", "guided bomb", "aircraft"})
ACLED_AIR = "Air/drone strike"

# the weapon vocabulary (Weapon.kind)
WEAPON_KINDS = (
    "drone",  # strike, kamikaze and decoy drones, UAVs
    "cruise missile",
    "ballistic missile",
    "missile",  # a missile whose type the article does not say
    "guided bomb",  # glide and guided aerial bombs (KAB)
    "rocket",  # multiple-launch rocket systems (Grad, Smerch, HIMARS)
    "artillery",  # shells, mortars
    "aircraft",  # a strike by planes or helicopters, weapon not named
    "mixed",  # a total of several kinds that the article never breaks down
)
MISSILE_KINDS = frozenset({"cruise missile", "ballistic missile", "missile"})


@dataclass(frozen=True)
class Model:
    """A named weapon model and its kind."""

    name: str
    kind: str
    pattern: re.Pattern[str]


def _model(name: str, kind: str, pattern: str) -> Model:
    return Model(name, kind, re.compile(pattern, re.IGNORECASE))


# named models: the canonical name, its kind, how articles spell it (transliterated "Kh", Latin "X" or Cyrillic "Х")
MODELS: tuple[Model, ...] = (
    _model("Shahed", "drone", r"\bshahed(?:-?1[34]6|-?238)?s?\b|\bgeran(?:-?[123])?s?\b"),
    _model("Gerbera", "drone", r"\bgerberas?\b"),
    _model("Lancet", "drone", r"\blancets?\b"),
    _model("Orlan", "drone", r"\borlan(?:-?\d+)?s?\b"),
    _model("Iskander-M", "ballistic missile", r"\biskander-?m\b"),
    _model("Iskander-K", "cruise missile", r"\biskander-?k\b"),
    _model("KN-23", "ballistic missile", r"\bkn-?23\b"),
    _model("Oreshnik", "ballistic missile", r"\boreshniks?\b"),
    _model("Kinzhal", "ballistic missile", r"\bkinzhals?\b|\b(?:kh|x|х)-?47"),
    _model("Kalibr", "cruise missile", r"\bkalibrs?\b"),
    _model("Kh-101", "cruise missile", r"\b(?:kh|x|х)-?101s?\b"),
    _model("Kh-555", "cruise missile", r"\b(?:kh|x|х)-?555s?\b"),
    _model("Kh-59", "cruise missile", r"\b(?:kh|x|х)-?59(?:mk2)?s?\b"),
    _model("Kh-69", "cruise missile", r"\b(?:kh|x|х)-?69s?\b"),
    _model("Kh-22", "cruise missile", r"\b(?:kh|x|х)-?22s?\b"),
    _model("Kh-31", "cruise missile", r"\b(?:kh|x|х)-?31p?d?s?\b"),
    _model("Kh-35", "cruise missile", r"\b(?:kh|x|х)-?35s?\b"),
    _model("Zircon", "cruise missile", r"\b(?:zircon|tsirkon)s?\b"),
    _model("Oniks", "cruise missile", r"\b(?:oniks|onyx)\b"),
    _model("S-300", "missile", r"\bs-?300s?\b"),
    _model("S-400", "missile", r"\bs-?400s?\b"),
    _model("KAB", "guided bomb", r"\bkabs?\b"),
    _model("Grad", "rocket", r"\bgrads?\b"),
    _model("HIMARS", "rocket", r"\bhimars\b"),
    _model("ATACMS", "ballistic missile", r"\batacms\b"),
    _model("Storm Shadow", "cruise missile", r"\bstorm shadows?\b"),
    _model("Tomahawk", "cruise missile", r"\btomahawks?\b"),
)

# generic weapon words (lowercase lemma or phrase) → kind; longest phrase first
_GENERIC: tuple[tuple[str, str], ...] = (
    (r"cruise missiles?", "cruise missile"),
    (r"(?:aero)?ballistic missiles?", "ballistic missile"),
    (r"hypersonic missiles?", "ballistic missile"),
    (r"(?:guided|glide|gliding)(?: aerial| air)? bombs?", "guided bomb"),
    (r"aerial bombs?", "guided bomb"),
    (r"unmanned (?:aerial )?(?:vehicles?|aircraft|systems?)", "drone"),
    (r"(?:air|aerial|air attack) weapons?|(?:air|aerial) targets?|projectiles?", "mixed"),
    (r"missiles?", "missile"),
    (r"drones?|uavs?|fpvs?", "drone"),
    (r"rockets?", "rocket"),
    (r"artillery|shells?|mortars?", "artillery"),
    (r"warplanes?|bombers?|fighter jets?|helicopters?", "aircraft"),
)
GENERIC = tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), kind) for p, kind in _GENERIC)


@lru_cache(maxsize=1 << 16)  # called on every noun of every sentence; the same words recur
def kind_of(phrase: str) -> tuple[str | None, str | None]:
    """(kind, model) of a weapon phrase: ``"six Iskander-M ballistic missiles"`` → ("ballistic missile",
    "Iskander-M"); ``"drones"`` → ("drone", None); not a weapon → (None, None).

    >>> kind_of("147 Shahed-type strike UAVs")
    ('drone', 'Shahed')
    >>> kind_of("4 Kh-101 cruise missiles")
    ('cruise missile', 'Kh-101')
    >>> kind_of("people")
    (None, None)
    """
    models = [m for m in MODELS if m.pattern.search(phrase)]
    generic = next((kind for pattern, kind in GENERIC if pattern.search(phrase)), None)
    if len(models) > 1:  # "cruise missiles of the Kh-101 and Kh-555 types": several models, none of them the count's
        kinds = {m.kind for m in models}
        return generic or (kinds.pop() if len(kinds) == 1 else None), None
    model = models[0] if models else None
    if model is None:
        return generic, None
    if generic is not None and generic not in (model.kind, "missile", "mixed") and model.kind != "missile":
        return generic, model.name  # the article's own word for the kind wins ("Kinzhal cruise missile")
    return model.kind, model.name


def classify(event_type: str, subtype: str | None, kinds: set[str]) -> tuple[str, str | None]:
    """(PLOVER category, ACLED sub-event type) of an event of ``event_type`` using weapons of ``kinds``."""
    plover, acled = EVENT_TYPES[event_type]
    plover = SUBTYPE_PLOVER.get((event_type, subtype or ""), plover)
    if acled and event_type in ("attack", "protected_site_damage") and kinds and kinds <= AIR_KINDS:
        acled = ACLED_AIR
    return plover, acled
