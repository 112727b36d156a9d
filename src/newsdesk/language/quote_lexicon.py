"""Word lists the quote rules read: speech verbs, cue phrases, speaker nouns (data only, no logic).

Kept as Python constants rather than package data files so they always ship with the code.
Verbs are lemmas, matched lowercased. The lists give the rules their strong cues; the parse adds
the rest (any verb with a nominal subject and a finite clausal complement is a cue unless it is
listed in ``NOT_CUES``), so a verb missing here is still found when its sentence says "that …".
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated entries of ``block``."""
    return frozenset(block.split())


# Verbs of saying and writing: a cue with any clausal complement, or next to a quotation.
SPEECH_VERBS = _words("""
say tell add state announce claim insist note write ask stress warn urge describe explain
argue reply respond answer remark comment declare report confirm deny admit acknowledge
concede suggest predict promise pledge vow threaten boast brag complain lament sigh shout
scream yell cry whisper mutter murmur joke quip tweet post testify recall recount repeat
reiterate emphasize emphasise assert maintain contend allege charge accuse demand request
mention observe point reveal disclose indicate signal hint imply concur agree disagree
counter retort protest object plead beg implore instruct order advise caution recommend
propose conclude inform assure reassure swear affirm proclaim publish broadcast
email text shrug snap muse wonder question query inquire enquire challenge dispute forecast
clarify elaborate specify summarize summarise grumble chant sing
""")

# The commonest verbs of saying: a complement headed by one of them with its own subject is a
# separate attribution, not what the outer verb reports ("The museum opened, Mr Bush said").
CORE_SPEECH_VERBS = _words("say tell add write")

# Nouns of saying that report a clause for their owner ("Trump's claim that …").
SPEECH_NOUNS = _words("""
claim statement assertion comment remark warning promise pledge vow argument insistence
suggestion allegation accusation denial admission prediction announcement belief view
assessment conclusion contention complaint boast threat
""")

# Verbs of knowing, finding and believing: cues only with a clausal complement ("found that …").
ATTITUDE_VERBS = _words("""
believe think feel know hope fear expect worry doubt suspect assume guess reckon figure
understand realize realise learn hear read find discover show prove determine decide
estimate calculate demonstrate establish recognize recognise imagine
""")

# Verbs that take a clause but report no one's words or view ("make sure that", "mean that").
NOT_CUES = _words("""
be have do make ensure mean seem appear happen matter look sound become get let help
need require cause keep take give go come try want like love hate wish prefer use
insure see allow permit leave remain receive lose enable force turn put set bring
""")

# Cue verbs whose direct object is what was said ("announced a plan", "denied the report")
# when there is no clause.
OBJECT_CONTENT_VERBS = _words("""
announce deny propose recommend cite mention describe criticize criticise condemn praise
reject dismiss question predict confirm acknowledge admit reveal dispute demand request
blame defend promise pledge vow threaten stress emphasize emphasise claim note accuse
endorse support oppose attack echo embrace champion tout laud hail applaud welcome
denounce decry deride mock slam blast bemoan lament lambaste ridicule challenge cite invoke
reference discuss highlight express voice detail address favor favour
""")

# Verbs by which a poll, study, record or video speaks ("polls show a close race"): cues with an
# object when their subject is not a person.
EVIDENCE_VERBS = _words("show find suggest indicate reveal confirm estimate project")

# Cue verbs whose infinitive is what was said ("urged voters to turn out").
INFINITIVE_CONTENT_VERBS = _words("""
urge ask tell promise pledge vow threaten demand order instruct advise implore beg warn
call encourage invite agree
want plan intend hope aim seek refuse decline expect wish prefer vote
""")

# Verbs that name or brand something, reporting a view ("called the charges “fabricated”").
NAMING_VERBS = _words("call brand label dub term")

# Verbs that report a view through a preposition after their object ("sees the deal as a trap",
# "likened the plan to a tax"): the object and the phrase are what is held.
AS_VERBS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("see", "view", "regard", "describe", "portray", "characterize", "characterise",
                     "cast", "paint", "depict", "hail", "dismiss", "denounce", "brand", "label"),
                    frozenset({"as"})),
    "compare": frozenset({"to", "with"}),
    "liken": frozenset({"to"}),
}

# Prepositions that carry what was said after a cue verb ("called for a ceasefire").
CONTENT_PREPS: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "warn": frozenset({"of", "against", "about"}),
    "complain": frozenset({"about", "of"}),
    "speak": frozenset({"of", "about"}),
    "talk": frozenset({"about", "of"}),
    "argue": frozenset({"for", "against"}),
    "push": frozenset({"for"}),
    "appeal": frozenset({"for"}),
    "plead": frozenset({"for"}),
    "insist": frozenset({"on"}),
    "accuse": frozenset({"of"}),
}

# Nouns that attribute their sentence to their owner: "in X's view", "in his eyes", "in the words of X".
VIEW_NOUNS = _words("view eyes opinion estimation judgment judgement mind words assessment telling")

# Nouns whose findings a sentence reports: "in a new poll, …", "in the study".
EVIDENCE_NOUNS = _words("poll polls survey surveys study studies report analysis census")

# Nouns of intention that report a plan for their owner: "Trump's plan to cut taxes".
INTENTION_NOUNS = _words("""
plan effort determination refusal promise pledge vow bid attempt intention goal threat
proposal desire wish aim ambition willingness readiness reluctance
""")

# Multi-word cues that introduce a source: "according to X", "in the words of X".
SOURCE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("according", "to"),
    ("in", "the", "words", "of"),
    ("quoting",),
)

# Line openings before a colon that name no speaker ("Photo: …", "Read more: …"), lowercased.
NOT_LABELS = frozenset({
    "photo", "photos", "video", "watch", "read", "read more", "related", "update", "updated",
    "source", "sources", "note", "editor's note", "editor’s note", "caption", "credit", "image",
    "listen", "see also", "more", "breaking", "exclusive", "analysis", "opinion", "live",
    "transcript", "q", "a", "tags", "topics", "share", "follow", "contact", "email", "by",
})

# Clause dependents that carry what a cue verb reports.
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})

# Pronouns that stand for a person, and for an organisation or country ("they" and "we" are
# left unresolved unless the entity list has them: their antecedent is as often a plain noun).
PERSON_PRONOUNS = _words("he she him her He She Him Her")
GROUP_PRONOUNS = _words("it It")
RELATIVE_PRONOUNS = _words("who which that Who Which That")

# Head nouns of descriptions that stand for a person ("the 47-year-old", "the spokesman").
PERSON_NOUNS = _words("""
man woman boy girl father mother son daughter husband wife brother sister widow
spokesman spokeswoman spokesperson official minister president leader candidate nominee
senator governor mayor chairman chairwoman chief director manager founder owner
businessman businesswoman politician lawmaker legislator congressman congresswoman
diplomat envoy ambassador commander general officer soldier lawyer attorney prosecutor
judge doctor professor economist analyst expert adviser advisor aide strategist pollster
activist campaigner writer author journalist reporter teacher student resident victim
witness survivor veteran mother-in-law star actor actress singer player coach player
billionaire mogul tycoon executive ceo chancellor premier king queen prince princess
republican democrat incumbent challenger
""")

# Head nouns of descriptions that stand for an organisation or a country ("the ministry").
ORG_NOUNS = _words("""
ministry government department agency office administration authority authorities
company firm group campaign party committee commission council court parliament
congress senate house military army navy police force forces service services
kremlin white-house embassy union organisation organization bank fund board
country state nation city region newspaper paper network channel website agency
""")
