"""The word lists and parse labels the extract and resolve stages share, each defined once.

Where two stages need different members of one idea, both sets live here, one built from the
other, and the docstring says why they differ.
"""

from __future__ import annotations

# -- parse labels ----------------------------------------------------------------------------

PREDICATE_POS = frozenset({"VERB", "AUX"})
"""Parts of speech that head a clause."""

NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""Subjects that are noun phrases: the mentions that act ("Tehran denied")."""

SUBJECT_DEPS = NOMINAL_SUBJECT_DEPS | frozenset({"csubj", "csubjpass", "expl"})
"""Every subject a clause can have, clausal and expletive ones too (a clause with any of them
has a subject slot, even when no entity fills it)."""

WH_TAGS = frozenset({"WP", "WDT", "WP$", "WRB"})
"""Tags of wh-words: a question word as subject makes no fact ("who sent them?")."""

# -- verbs of saying -------------------------------------------------------------------------

SAY_VERBS = frozenset({"say", "tell", "add", "state", "write", "tweet", "remark", "reply"})
"""Verbs of saying that never make a relation of their own, whatever the parse of their object
("said the talks", "told reporters")."""

SPEECH_VERBS = SAY_VERBS | frozenset(
    {
        "warn",
        "claim",
        "deny",
        "acknowledge",
        "maintain",
        "affirm",
        "announce",
        "report",
        "insist",
        "argue",
        "believe",
        "think",
        "allege",
        "confirm",
        "note",
        "explain",
        "suggest",
        "admit",
        "assert",
        "contend",
        "declare",
        "reveal",
        "stress",
        "emphasize",
        "indicate",
        "predict",
        "estimate",
        "respond",
        "testify",
        "recall",
        "concede",
        "complain",
        "accuse",
        "agree",
        "dispute",
        "reject",
        "repeat",
        "observe",
        "comment",
        "caution",
        "conclude",
        "hint",
        "mention",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "urge",
        "determine",
    }
)
"""Verbs whose clausal complement is the subject's claim, not the article's. Unlike
``SAY_VERBS``, several also make relations of their own with a plain object ("denied the
report", "accused Iran")."""

INTRANSITIVE_VERBS = frozenset(
    {
        "arrive",
        "die",
        "resign",
        "retire",
        "come",
        "go",
        "happen",
        "occur",
        "fall",
        "rise",
        "remain",
        "stay",
        "sleep",
        "disappear",
        "collapse",
        "emerge",
        "exist",
        "flee",
        "vanish",
    }
)
"""Verbs that take no object, so never share the object of a verb coordinated after them."""

QUOTE_VERBS = SPEECH_VERBS | frozenset({"ask", "call"})
"""Verbs whose subject is the speaker of a quotation beside them ("…," she said): every speech
verb, and "ask" and "call", which introduce direct speech without reporting a claim ("…?"
he asked)."""

# -- quotation marks -------------------------------------------------------------------------

DOUBLE_OPENING = frozenset({"\u201c", "``"})
DOUBLE_CLOSING = frozenset({"\u201d", "''"})
STRAIGHT_QUOTE = '"'
"""Double quotation marks by side (a straight ``"`` is either): they open and close quotations
of speech. Single marks are left out there, since "’" is also the apostrophe."""

SINGLE_OPENING = frozenset({"`", "\u2018"})
SINGLE_CLOSING = frozenset({"\u2019"})
OPENING_QUOTES = DOUBLE_OPENING | SINGLE_OPENING
CLOSING_QUOTES = DOUBLE_CLOSING | SINGLE_CLOSING
"""Every quotation mark by side, single ones too: a title quoted inside an argument keeps its
marks when both are there."""

# -- quantities ------------------------------------------------------------------------------

QUANTITY_HEADS = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "ten",
        "score",
        "number",
        "lot",
        "level",
        "amount",
        "kind",
        "type",
        "sort",
        "one",
        "some",
        "many",
        "most",
        "all",
        "few",
        "several",
        "part",
        "piece",
        "series",
        "range",
        "pair",
        "couple",
        "batch",
        "shipment",
        "quantity",
    }
)
"""Lemmas of nouns whose ``of`` complement names what the phrase is about: hundreds *of
drones*."""

# -- titles ----------------------------------------------------------------------------------

FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "duchess"}
)
MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "duke", "father", "sheikh"})
"""Titles that tell a person's gender (lower-cased, without the full stop)."""

COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"})
"""Titles only a person carries: "Dr Gazzola" names a person even when the tagger missed the
name altogether."""

PERSON_TITLES = COURTESY_TITLES | frozenset(
    {
        "lady",
        "lord",
        "president",
        "senator",
        "sen",
        "rep",
        "governor",
        "mayor",
        "judge",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "ayatollah",
        "pope",
        "rev",
        "reverend",
    }
)
"""Titles that precede only a person's name: they make a person of a name the tagger labelled
otherwise ("Dr Evans" tagged ORG). Offices that also name places or things ("President Hotel")
need the tagger's name, so they are not courtesy titles."""

TITLES = (
    FEMALE_TITLES
    | MALE_TITLES
    | frozenset(
        {
            "dr",
            "doctor",
            "prof",
            "professor",
            "president",
            "vice",
            "prime",
            "minister",
            "pm",
            "premier",
            "chancellor",
            "senator",
            "sen",
            "rep",
            "representative",
            "congressman",
            "congresswoman",
            "governor",
            "gov",
            "mayor",
            "judge",
            "justice",
            "pope",
            "cardinal",
            "archbishop",
            "bishop",
            "rev",
            "reverend",
            "rabbi",
            "imam",
            "ayatollah",
            "general",
            "gen",
            "colonel",
            "col",
            "major",
            "maj",
            "captain",
            "capt",
            "lieutenant",
            "lt",
            "sergeant",
            "sgt",
            "admiral",
            "adm",
            "commander",
            "marshal",
            "secretary",
            "ambassador",
            "foreign",
            "defence",
            "defense",
            "interior",
            "finance",
            "health",
            "home",
            "state",
            "deputy",
            "chief",
            "commissioner",
            "inspector",
            "detective",
            "officer",
            "constable",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "coach",
            "chairman",
            "chairwoman",
            "ceo",
            "emir",
            "crown",
            "speaker",
            "leader",
            "mp",
            "st",
        }
    )
)
"""Every word that may stand in a title before a person's name, modifiers of offices included
("Foreign Secretary", "Vice President"): they are not part of the name."""

TITLE_NOUNS = frozenset(
    {
        "president",
        "minister",
        "secretary",
        "senator",
        "governor",
        "chairman",
        "chairwoman",
        "king",
        "queen",
        "prince",
        "princess",
        "general",
        "judge",
        "mayor",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "director",
        "chief",
        "leader",
        "pope",
        "representative",
        "chancellor",
        "commissioner",
        "premier",
        "sheikh",
        "coach",
        "captain",
        "professor",
        "bishop",
        "archbishop",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "lt.",
        "col.",
        "sgt.",
        "capt.",
        "adm.",
    }
)
"""Nouns that name an office held ("President Bush" -> Bush is president), as written (the
abbreviations with their full stop). Unlike ``TITLES`` they hold no courtesy titles and no
modifiers: "Mr" or "Foreign" alone is no role."""

# -- kinds of named things ------------------------------------------------------------------

ENTITY_KINDS = frozenset(
    {
        "party",
        "council",
        "committee",
        "government",
        "administration",
        "ministry",
        "department",
        "agency",
        "company",
        "firm",
        "group",
        "organisation",
        "organization",
        "team",
        "club",
        "band",
        "country",
        "nation",
        "state",
        "city",
        "town",
        "court",
        "university",
        "school",
        "hospital",
        "newspaper",
        "network",
        "channel",
        "union",
        "project",
        "distro",
        "president",
        "minister",
        "leader",
        "chairman",
        "king",
        "queen",
        "premier",
        "chamber",
        "parliament",
        "senate",
        "house",
        "police",
        "army",
        "military",
    }
)
"""Heads of definite descriptions that stand for a named thing ("the party" for Labour, "the
minister" for a named minister): left unresolved, a statement about one does not say who. The
confidence model weighs them; the resolver keeps its own, narrower lists of descriptions it can
resolve by type."""
