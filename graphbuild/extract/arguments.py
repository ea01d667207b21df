"""Objects and prepositional arguments, and the role each one plays.

The role of a prepositional argument comes from its preposition and the NER label of its head
(``ROLE_TABLE``); "to Russia" after a transfer verb is a recipient, "in February" a time,
"in Ukraine" a location.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

TIME_PREPS = frozenset(
    {"during", "before", "after", "since", "until", "till", "throughout", "while", "by"}
)
PLACE_PREPS = frozenset(
    {
        "into",
        "onto",
        "across",
        "near",
        "inside",
        "outside",
        "within",
        "toward",
        "towards",
        "around",
        "along",
        "beyond",
        "under",
        "above",
        "below",
        "between",
        "behind",
        "throughout",
        "off",
        "out",
    }
)
TOPIC_PREPS = frozenset({"about", "over", "regarding", "concerning", "on"})
MOTION_VERBS = frozenset(
    {
        "go",
        "travel",
        "fly",
        "move",
        "return",
        "come",
        "arrive",
        "flee",
        "head",
        "sail",
        "drive",
        "take",
        "bring",
        "rush",
        "transport",
        "evacuate",
        "deploy",
        "airlift",
        "relocate",
        "migrate",
        "emigrate",
        "march",
        "walk",
        "retreat",
        "withdraw",
    }
)

TRANSFER_VERBS = frozenset(
    {
        "give",
        "send",
        "sell",
        "supply",
        "provide",
        "deliver",
        "offer",
        "hand",
        "lend",
        "loan",
        "pay",
        "transfer",
        "ship",
        "export",
        "donate",
        "grant",
        "award",
        "leak",
        "pass",
    }
)
"""Verbs whose "to" argument receives something: "gave the money *to his brother*"."""

ROLE_TABLE: dict[str, tuple[tuple[frozenset[str] | None, str], ...]] = {
    # preposition: ((NER labels or None for any, role), ...) tried in order
    "to": ((TIME_LABELS, "time"), (AGENT_LABELS, "recipient"), (PLACE_LABELS, "location")),
    "in": ((TIME_LABELS, "time"), (PLACE_LABELS, "location"), (None, "other")),
    "at": ((TIME_LABELS, "time"), (None, "location")),
    "on": ((TIME_LABELS, "time"), (PLACE_LABELS, "location"), (None, "topic")),
    "for": ((TIME_LABELS, "time"), (AGENT_LABELS, "beneficiary"), (None, "purpose")),
    "from": ((TIME_LABELS, "time"), (None, "source")),
    "with": ((AGENT_LABELS, "other"), (None, "instrument")),
    "by": ((TIME_LABELS, "time"), (None, "manner")),
    "via": ((None, "instrument"),),
    "through": ((PLACE_LABELS, "location"), (None, "instrument")),
    "using": ((None, "instrument"),),
    "like": ((None, "manner"),),
}
"""Role of a prepositional argument by preposition, then by the NER label of its head."""


def role(prep: str | None, head: Token, verb_lemma: str = "") -> str:
    """The role of an argument introduced by ``prep`` (lowercase) with head ``head``.

    >>> import spacy
    >>> doc = spacy.blank("en")("in February")
    >>> role("during", doc[1])
    'time'
    """
    label = head.ent_type_ or ("PERSON" if head.pos_ == "PRON" else "")
    if prep is None:
        return "time" if label in TIME_LABELS else "other"
    if prep == "to" and verb_lemma in MOTION_VERBS:
        return "time" if label in TIME_LABELS else "location"
    if prep == "to" and verb_lemma in TRANSFER_VERBS and label not in TIME_LABELS | PLACE_LABELS:
        return "recipient"
    for labels, name in ROLE_TABLE.get(prep, ()):
        if labels is None or label in labels:
            return name
    if prep in TIME_PREPS or label in TIME_LABELS:
        return "time"
    if prep in PLACE_PREPS or label in PLACE_LABELS:
        return "location"
    if prep in TOPIC_PREPS:
        return "topic"
    return "other"


PROVIDE_WITH = frozenset(
    {"provide", "supply", "equip", "arm", "furnish", "present", "reward", "issue", "entrust"}
)
"""Verbs where "V X with Y" means X receives Y: "provide Iran with components"."""

LIGHT_PREPS: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "ask": frozenset({"for"}),
    "look": frozenset({"for", "into", "at"}),
    "search": frozenset({"for"}),
    "wait": frozenset({"for"}),
    "vote": frozenset({"for", "against", "on"}),
    "apply": frozenset({"for"}),
    "pay": frozenset({"for"}),
    "account": frozenset({"for"}),
    "rely": frozenset({"on"}),
    "depend": frozenset({"on"}),
    "focus": frozenset({"on"}),
    "comment": frozenset({"on"}),
    "insist": frozenset({"on"}),
    "deal": frozenset({"with"}),
    "work": frozenset({"with", "on", "for"}),
    "meet": frozenset({"with"}),
    "agree": frozenset({"with", "on"}),
    "cooperate": frozenset({"with"}),
    "collaborate": frozenset({"with"}),
    "compete": frozenset({"with"}),
    "negotiate": frozenset({"with"}),
    "side": frozenset({"with"}),
    "talk": frozenset({"to", "with"}),
    "speak": frozenset({"to", "with"}),
    "respond": frozenset({"to"}),
    "react": frozenset({"to"}),
    "refer": frozenset({"to"}),
    "belong": frozenset({"to"}),
    "object": frozenset({"to"}),
    "contribute": frozenset({"to"}),
    "lead": frozenset({"to"}),
    "consist": frozenset({"of"}),
    "approve": frozenset({"of"}),
    "result": frozenset({"in"}),
    "invest": frozenset({"in"}),
    "participate": frozenset({"in"}),
    "succeed": frozenset({"in"}),
    "serve": frozenset({"as"}),
    "act": frozenset({"as"}),
    "protest": frozenset({"against"}),
    "fight": frozenset({"against", "for"}),
    "withdraw": frozenset({"from"}),
    "benefit": frozenset({"from"}),
    "suffer": frozenset({"from"}),
}
"""Verb + preposition pairs that form one relation ("call for", "rely on", "serve as")."""


def light_prep(verb_lemma: str, prep: str) -> bool:
    """Whether ``verb_lemma prep`` is one relation whose object is the preposition's object.

    >>> light_prep("call", "for"), light_prep("supply", "to")
    (True, False)
    """
    return prep in LIGHT_PREPS.get(verb_lemma, frozenset())


LIGHT_OBJECTS: dict[str, frozenset[str]] = {
    "take": frozenset(
        {"place", "part", "action", "control", "office", "power", "charge", "responsibility"}
        | {"advantage", "aim", "refuge", "custody", "issue", "credit"}
    ),
    "make": frozenset({"progress", "use", "sense", "contact", "way"}),
    "pay": frozenset({"tribute", "attention", "homage"}),
    "give": frozenset({"birth", "way", "evidence"}),
    "play": frozenset({"role", "part"}),
    "set": frozenset({"fire"}),
    "open": frozenset({"fire"}),
    "lay": frozenset({"siege", "claim"}),
    "declare": frozenset({"war"}),
    "wage": frozenset({"war"}),
    "claim": frozenset({"responsibility", "credit"}),
    "cast": frozenset({"doubt"}),
    "shed": frozenset({"light"}),
    "seek": frozenset({"asylum", "refuge"}),
    "lose": frozenset({"control"}),
    "gain": frozenset({"control", "access"}),
    "impose": frozenset({"sanction", "tariff"}),
    "file": frozenset({"suit", "charge"}),
    "bring": frozenset({"charge"}),
    "press": frozenset({"charge"}),
}
"""Verb + bare object nouns that form one relation: "take place", "pay tribute to"."""


def light_object(verb_lemma: str, noun_lemma: str) -> bool:
    """Whether ``verb_lemma noun_lemma`` is one relation ("take place", "take part").

    >>> light_object("take", "place"), light_object("take", "drone")
    (True, False)
    """
    return noun_lemma in LIGHT_OBJECTS.get(verb_lemma, frozenset())
