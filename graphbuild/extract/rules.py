"""The extraction rules: which construction of the parse a relation was read from.

A ``Rule`` names the construction; it is set by ``clauses`` and ``nominal``, priced by
``confidence.RULE_PRIOR`` and written into every record (``Relation.rule``, the string value)
and every statement of the graph (``gb:extractionRule``).
"""

from __future__ import annotations

from enum import StrEnum


class Rule(StrEnum):
    """The construction a relation was read from.

    >>> Rule.PASSIVE_AGENT.value, Rule("made-by").name
    ('passive-agent', 'MADE_BY')
    """

    SVO = "svo"
    """A clause with its own verb: "Iran supplied drones"."""
    SVOC = "svoc"
    """A verb with an object predicate: "they named him chairman"."""
    COPULA = "copula"
    """A form of "be" with a complement: "Kirby is a spokesman", "is aware of"."""
    PASSIVE = "passive"
    """A passive clause without agent: "drones were supplied"."""
    PASSIVE_AGENT = "passive-agent"
    """A passive clause read actively from its agent: "was founded by X" -> X found."""
    REDUCED_PASSIVE = "reduced-passive"
    """A past participle modifying a noun: "drones made in Iran"."""
    APPOSITION = "apposition"
    """A noun in apposition to a name: "John Kirby, a spokesman", "the city of Wuhan"."""
    TITLE = "title"
    """A title before a person's name: "President Bush"."""
    AFFILIATION = "affiliation"
    """A person's organization or place after the name: "Kristian Andersen of Scripps
    Research" -> be of; "Sergeant Ratana, from Hawke's Bay" -> be from."""
    NOMINALIZATION = "nominalization"
    """An event noun with its agent: "Russia's invasion of Ukraine"."""
    MADE_BY = "made-by"
    """A name before a participle: "Iranian-made drones"."""
    POSITION = "position"
    """A title, apposition or copula naming a position a person holds: "Britain's foreign
    secretary, James Cleverly" (records only; read from the other rules' frames)."""
    SPEECH = "speech"
    """A speaker and what they said (Open IE only): "Kirby said that ..."."""

    @property
    def nominal(self) -> bool:
        """Whether the relation is carried by a noun phrase, with no relation word of its own
        in the sentence ("X, a Y" reads as "is")."""
        return self in NOMINAL_RULES


NOMINAL_RULES = frozenset(
    {Rule.APPOSITION, Rule.TITLE, Rule.AFFILIATION, Rule.NOMINALIZATION, Rule.MADE_BY}
)
"""Rules that read a relation out of a noun phrase."""
