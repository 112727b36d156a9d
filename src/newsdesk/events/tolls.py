"""The casualties of an attack in one sentence: people killed and wounded (and rescued), with the place each figure
is told of.

A **casualty figure** counts people (or stands alone, "14 dead") next to a verb, adjective or noun of killing or
wounding: "killed three people", "at least 26 were wounded", "the death toll rose to 14", "14 dead and 60 injured";
"a woman was killed" is one, "there were no casualties" none. A toll of the whole war, a count of weapons or a part
of a count told before it ("including three children") is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsdesk.events.parties import REGION, state_names
from newsdesk.events.sentences import head_chain, local_scope, quantity_tokens, span_text
from newsdesk.events.taxonomy import kind_of
from newsdesk.schema import Quantity

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
    "life", "lives", "victim", "victims", "dead", "injured", "wounded", "patients", "individual", "individuals",
})



RESCUE_WORDS = frozenset({"rescue", "pull", "free", "evacuate", "dig", "save"})



@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    role: str  # "killed" | "wounded" | "rescued"
    value: float
    qualifier: str
    text: str
    start: int
    end: int
    place: str | None = None  # the city or region the figure is told of ("in Kharkiv"); None: the whole attack's



def _object_of_casualty_verb(root: Token) -> bool:
    """"killed one person, injured 18": the verb the number is the object of decides before the clause after it
    (but "14 were killed and more than 60 injured": a conjunct keeps its own participle)."""
    head = root.head
    return root.dep_ == "dobj" and head.pos_ == "VERB" and (
        head.lemma_.lower() in KILL_WORDS or head.lemma_.lower() in WOUND_WORDS)



INJURIES_TO = re.compile(r"\b(?:injuries|wounds|injury) to (?:at least |some |about )?$", re.IGNORECASE)



# words between a number of people and what happened to them: "at least 17 more were injured", "3 others were also hurt"
FILLERS = frozenset({"more", "others", "other", "people", "persons", "were", "was", "are", "is", "have", "has", "been",
                     "had", "reportedly", "also", "later", "seriously", "critically", "lightly", "slightly", "badly",
                     "severely", "being"})



def _told_next(span: Span) -> str | None:
    """The role a participle right after the number gives ("17 more were injured", "four civilians, including a
    child, were injured", "three people were taken to hospital"), whatever the parse made of it."""
    doc, i = span.doc, span.end
    while i < min(len(doc), span.end + 16):
        token = doc[i]
        if token.text in (",", "-", "–", "—") and i + 1 < len(doc) and doc[i + 1].lower_ == "including":
            close = next((j for j in range(i + 2, min(len(doc), i + 12)) if doc[j].text == token.text and (
                token.text == "," or doc[j - 1].whitespace_)), None)  # a spaced dash, not "14-year-old"
            if close is None:
                return None
            i = close + 1  # past the parenthesis
            continue
        if token.lower_ in FILLERS:
            i += 1
            continue
        if token.lower_ in ("taken", "rushed", "admitted", "brought") and doc[i + 1:i + 4].text.lower().startswith(
                ("to hospital", "to the hospital", "to a hospital", "to hospitals")):
            return "wounded"
        break
    for token in doc[i:i + 1]:
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
    if INJURIES_TO.search(span.doc.text[max(0, span.start_char - 30):span.start_char]):
        return "wounded"  # "resulted in injuries to two individuals"
    root = span.root
    near: list[Token] = []
    for token in head_chain(root, 3):
        near.append(token)
        for c in token.children:
            if c.dep_ == "nsubj" and token.i != root.i:  # "the number of wounded rose to 23"
                near.extend(t for t in c.subtree if t.i - c.left_edge.i < 5)
            elif c.dep_ in ("advcl", "conj") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                continue  # "one person was killed, five were taken to hospital": another clause's subject
            elif c.dep_ in ("amod", "acomp", "compound", "advcl", "conj", "oprd", "xcomp") or (
                    token.i == root.i and c.dep_ in ("acl", "relcl") and not _object_of_casualty_verb(root)):
                near.append(c)  # "more than 60 injured": the number's own words before its head's
    near.extend(c for c in root.children if c.dep_ in ("amod", "acl", "relcl", "appos"))
    for tok in near:  # "killed" before "wounded": "killing 3 and wounding 26" reads each on its own chain
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if tok.i in range(span.start, span.end) and tok.i != root.i:
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
IN_PLACE = re.compile(r"\b[Ii]n (?:the )?[A-Z][a-z]+")



NO_CASUALTIES = re.compile(
    r"\b(?:no |without (?:causing )?(?:any )?)(?:(?:immediate |reported |civilian )?(casualties|victims)|"
    r"(?:immediate |reported )?(deaths|fatalities|injuries|dead|wounded|injured))\b|"
    r"\b(?:no one|nobody|no people) (?:was|were|has been|have been|had been) (?:(killed|died)|"
    r"(injured|wounded|hurt))\b", re.IGNORECASE)



def _paragraph_so_far(sent: Span) -> str:
    """The sentence's paragraph up to its end: a regional official named before it speaks for it too ("According to
    the Kyiv Regional Military Administration, debris hit a building. No casualties were reported.")."""
    text = sent.doc.text
    start = text.rfind("\n\n", 0, sent.start_char)
    return text[start + 2 if start >= 0 else 0:sent.end_char]



def _no_casualties(sent: Span) -> list[CasualtyFigure]:
    """A toll of none, when the sentence tells it of the attack, not of one place ("damage in Odesa, but no
    casualties", a governor's "no casualties" are one region's)."""
    text = span_text(sent)
    if not NO_CASUALTIES.search(text) or local_scope(_paragraph_so_far(sent)) is not None or IN_PLACE.search(text):
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



# "Initially, eight people were reported dead and five injured, but one of the injured could not be saved": the
# first figures, which the story's later ones replace (a wounded count may fall as the injured die)
FIRST_REPORTS = re.compile(r"^\W*(?:initially|at first)\b", re.IGNORECASE)



def casualty_figures(doc: Doc, sent: Span, quantities: list[Quantity]) -> list[CasualtyFigure]:
    """The killed and wounded figures of ``sent`` (and "a third body was pulled from the rubble": 3 dead; "no
    casualties": none)."""
    if FIRST_REPORTS.match(span_text(sent)):
        return []
    found = [CasualtyFigure("killed", ORDINALS[m.group(1).lower()], "exact", m.group(0),
                            sent.start_char + m.start(), sent.start_char + m.end())
             for m in ORDINAL_BODY.finditer(span_text(sent))] + _no_casualties(sent)
    for q in quantities:
        if q.value is None or q.kind not in ("count",) or not (sent.start_char <= q.start < sent.end_char):
            continue
        unit = (q.unit or "").lower()
        if unit in TOLL_NOUNS and q.value < WAR_TOLL:  # "local officials reported 11 injuries", "14 deaths"
            found.append(CasualtyFigure(TOLL_NOUNS[unit], q.value, q.qualifier, q.text, q.start, q.end))
            continue
        if unit and unit not in PEOPLE:
            continue
        span = quantity_tokens(doc, q)
        if span is None or q.value >= WAR_TOLL or _counts_weapons(doc, span) or _subset(span):
            continue
        role = _casualty_role(span)
        if role is not None:
            found.append(CasualtyFigure(role, q.value, q.qualifier, q.text, q.start, q.end))
    found.extend(_one_person(sent, found))
    found.extend(_another(sent, found))
    if m := RETALIATION.search(span_text(sent)):  # "… in retaliation for an attack last week in which two civilians
        found = [f for f in found if f.start < sent.start_char + m.start()]  # were killed": that attack's toll
    return _placed_figures(sent, found)



TOLL_NOUNS = {"injuries": "wounded", "injury": "wounded", "deaths": "killed", "death": "killed",
              "fatalities": "killed", "fatality": "killed"}



RETALIATION = re.compile(r"\b(?:in )?(?:retaliation|revenge|response|reprisal) (?:for|to) (?:an?|the|last|its)\b",
                         re.IGNORECASE)



# "killing one person and injuring another", "One person was killed and another injured": one more, of that verb
ANOTHER = re.compile(r"\b(?:(killing|killed)|(injuring|injured|wounding|wounded|hurting)) another\b(?! \d)|"
                     r"\band another (?:(?:person|man|woman|civilian) )?(?:was |were )?(?:(killed|died)|"
                     r"(injured|wounded|hurt))\b", re.IGNORECASE)



def _another(sent: Span, found: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """"… killing one person and injuring another": one person, told by "another" beside a figure of the sentence."""
    if not found:
        return []
    out = []
    for m in ANOTHER.finditer(span_text(sent)):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if any(f.start < end and start < f.end for f in found):
            continue
        role = "killed" if m.group(1) or m.group(3) else "wounded"
        out.append(CasualtyFigure(role, 1, "exact", m.group(0), start, end))
    return out



OFFICIAL_OF = re.compile(r"\b([A-Z][\w'’-]+(?: regional| city| oblast)?) (?:[Gg]overnor|[Hh]ead|[Mm]ayor|"
                         r"military administration)\b")



TITLE_WORDS = frozenset({"regional", "city", "oblast", "deputy", "acting", "former", "local", "state", "military",
                         "the", "a", "district", "provincial"})



CAPITAL = re.compile(r"\bthe (?:capital|capital city)\b", re.IGNORECASE)



def _placed_figures(sent: Span, found: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """Each figure with the place it is told of: the first city or region named after it (before the next figure),
    else the last one named before it, else one named later with no figure of its role between ("One person was
    killed and another injured in the Tula region"); a country ("in Ukraine") is the whole attack's."""
    if not found:
        return found
    text = span_text(sent)
    places = [(e.start_char, e.text) for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")]
    places += [(sent.start_char + m.start(), "the capital") for m in CAPITAL.finditer(text)]
    for m in [*REGION.finditer(text), *OFFICIAL_OF.finditer(text)]:  # "in the Lipetsk region", "Zaporizhzhia
        name = next(g for g in m.groups() if g).strip()  # Governor Ivan Fedorov said": places the recogniser missed
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        titled = m.re is OFFICIAL_OF and name.split()[0].lower() in TITLE_WORDS  # "Regional Governor" names none
        if not titled and not any(start <= at < end for at, _ in places):
            places.append((start, name))
    places = sorted((at, name) for at, name in places if state_names().get(name.lower()) is None)
    if not places:
        return found
    starts = sorted(f.start for f in found)
    out = []
    for f in found:
        following = next((s for s in starts if s > f.start), sent.end_char)
        after = [name for at, name in places if f.end <= at < following]
        before = [name for at, name in places if at < f.start]
        later = [name for at, name in places if at >= f.end and not any(
            g.role == f.role and f.end <= g.start < at for g in found)]
        place = after[0] if after else before[-1] if before else later[0] if later else None
        out.append(replace(f, place=place))
    return out



def _one_person(sent: Span, found: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """"a woman was killed", "killing an elderly man", "a 14-year-old boy was wounded": one person, no number ("a
    woman and a man were injured": two)."""
    out = []
    for token in sent:
        aged = token.lower_ == "old" and any(c.lower_ in ("year", "month") and c.dep_ == "npadvmod"
                                             for c in token.children)  # "A 15-year-old was also injured"
        if not (token.tag_ == "NN" and token.lower_ in PEOPLE or aged) or token.dep_ not in ("nsubjpass", "dobj",
                                                                                              "nsubj"):
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
