"""Who is who: the position a description gives a person, and where the position is held.

"James Cleverly, Britain's foreign secretary" -> Cleverly holds the position *foreign
secretary* in *Britain*; "Barbara Woodward, the U.K. ambassador to the United Nations" ->
*ambassador* in the *U.K.*, to the *United Nations*; "John Kirby, a National Security Council
spokesman" -> *spokesman* in the *National Security Council*; "Kristian Andersen of Scripps
Research" -> in *Scripps Research*.

A description is a position when its head noun names an office or a job
(``POSITION_NOUNS``). The organization or country is, in this order, a possessive
("Britain's"), a name modifying the noun ("U.K.", "National Security Council"), the object of
"of", "at", "for" or "with" after the noun ("head of the Quds Force"), or after the person's
name ("Andersen of Scripps Research"); the place a position is accredited to is the object of
"to" ("ambassador to the United Nations").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.lexicon import TITLES

if TYPE_CHECKING:
    from spacy.tokens import Token

POSITION_NOUNS = frozenset(
    {
        "president",
        "vice-president",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "ambassador",
        "envoy",
        "consul",
        "diplomat",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "head",
        "leader",
        "commander",
        "general",
        "admiral",
        "colonel",
        "officer",
        "official",
        "sergeant",
        "inspector",
        "detective",
        "constable",
        "captain",
        "mp",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "councillor",
        "councilor",
        "governor",
        "mayor",
        "judge",
        "justice",
        "prosecutor",
        "attorney",
        "lawyer",
        "editor",
        "correspondent",
        "reporter",
        "journalist",
        "ceo",
        "executive",
        "founder",
        "co-founder",
        "president-elect",
        "owner",
        "manager",
        "coach",
        "adviser",
        "advisor",
        "aide",
        "deputy",
        "member",
        "nominee",
        "candidate",
        "dean",
        "professor",
        "researcher",
        "scientist",
        "economist",
        "analyst",
        "chairperson",
        "commissioner",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "pope",
        "bishop",
        "archbishop",
        "cardinal",
        "rabbi",
        "imam",
        "treasurer",
        "auditor",
        "administrator",
        "superintendent",
        "principal",
        "staff",
    }
)
"""Head nouns of descriptions that are positions held in an organization or country."""

ORGANIZATION_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
IN_PREPS = frozenset({"of", "at", "for", "with"})


@dataclass(frozen=True, slots=True)
class Position:
    """A position read off a description: the words of the office, where it is held, and
    whom it is accredited to (tokens of the sentence)."""

    office: tuple[Token, ...]
    holder_in: Token | None = None
    to: Token | None = None

    @property
    def name(self) -> str:
        """The office as a lower-case phrase of lemmas ("foreign secretary")."""
        words = [t.lower_ for t in self.office[:-1]] + [self.office[-1].lemma_.lower()]
        return " ".join(words)


def position(role: Token, holder: Token) -> Position | None:
    """The position the description headed by ``role`` gives the named ``holder``.

    >>> from graphbuild.nlp import load
    >>> doc = load()("Barbara Woodward, the U.K. ambassador to the United Nations, spoke.")
    >>> found = position(doc[5], doc[1])
    >>> found.name, found.holder_in.text, found.to.text
    ('ambassador', 'U.K.', 'Nations')
    """
    if role.lemma_.lower() not in POSITION_NOUNS and role.lower_ not in POSITION_NOUNS:
        return None
    office = [role]
    holder_in: Token | None = None
    for child in sorted(role.lefts, key=lambda t: -t.i):
        modifier = child.dep_ in {"compound", "amod", "nmod"}
        if child.dep_ == "poss" and holder_in is None:
            holder_in = child
        elif modifier and (child.ent_type_ in ORGANIZATION_LABELS or _name_word(child)):
            holder_in = holder_in or child
        elif modifier and not child.ent_type_ and child.i == office[0].i - 1:
            office.insert(0, child)
    to = None
    for prep in role.children:
        if prep.dep_ != "prep":
            continue
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if obj is None:
            continue
        if prep.lower_ in IN_PREPS and holder_in is None:
            holder_in = obj
        elif prep.lower_ == "to" and to is None:
            to = obj
    if holder_in is None:
        holder_in = _affiliation(holder)
    return Position(tuple(office), holder_in, to)


def _name_word(word: Token) -> bool:
    """A capitalized word of a name the tagger missed ("*Scripps Oceanography* director"), as
    opposed to a word of the office ("Foreign Secretary", "Vice President")."""
    return word.pos_ == "PROPN" and word.lower_.rstrip(".") not in TITLES


def _affiliation(holder: Token) -> Token | None:
    """Where a person's name places them: a country or organization before a title that
    stands by the name ("*German* Chancellor Angela Merkel"), or after the name ("Kristian
    Andersen *of Scripps Research*")."""
    for left in holder.lefts:
        located = left.ent_type_ in {"NORP", "GPE", "ORG"} and left.ent_type_ != holder.ent_type_
        if left.dep_ in {"amod", "compound", "nmod"} and located:
            return left
    for prep in holder.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "at", "from"}:
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in ORGANIZATION_LABELS:
                return obj
    return None
