"""Rule-based coreference within one article: pronouns and definite descriptions.

Rules, on the parse and the entity types of earlier mentions:

- "he"/"she" (and their other forms), resolved in document order, take the most recent
  person of compatible gender that is the subject or speaker of a clause in the same or the
  three preceding sentences, else the most recent compatible person in that window. A pronoun
  outside a quotation skips people mentioned inside quotations. A person's gender comes from
  titles, a small list of given names, and the pronouns already resolved to them ("She
  explained ... he said" is not her).
- "it"/"its" as a subject or possessive take the most recent non-person subject in the same
  or the previous sentence; "it" as the subject of a dummy-subject verb ("it took five hours",
  "it is about ...") or as an object stays unresolved.
- "they"/"them"/"their" take the nearest plural subject in the same or the previous sentence
  when it is a coordination of entities ("Russia and Iran ... their") or a collective one (an
  organization, a government, a group: "Thames Valley Police said they"); a plural common
  noun phrase nearer ("the protesters") leaves them unresolved.
- A common noun phrase that could be the antecedent and stands nearer than the entity found
  ("One of the victims decided ... she said") leaves "he"/"she"/"it" unresolved: the
  antecedent is that phrase, which names no entity. A definite description of an entity type
  ("the company") refers back itself and does not count.
- A third-person pronoun inside a quotation is not the quotation's speaker ("The court found
  Mme Spanton did not lie. She was portrayed as a liar," Obadia said).
- "I"/"me"/"my" and "we"/"us"/"our" inside a quotation take its speaker (``speaker_antecedent``
  and ``resolver``); "we" takes the organization the speaker speaks for when one is named
  with them.
- A plural description with a number ("the two countries", "both companies") takes the last N
  distinct entities of that type; a singular one ("the company", "the country", "the
  minister") takes the single entity of that type mentioned in the preceding five sentences,
  and stays unresolved when there are several.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.resolve.places import Referent

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graphbuild.resolve.mentions import NounSubject

PRONOUNS: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(["he", "him", "his", "himself"], ("singular", "m")),
    **dict.fromkeys(["she", "her", "hers", "herself"], ("singular", "f")),
    **dict.fromkeys(["it", "its", "itself"], ("singular", None)),
    **dict.fromkeys(["they", "them", "their", "theirs", "themselves"], ("plural", None)),
}
"""Third-person pronouns with their number and gender."""

DESCRIPTION_TYPES: dict[str, frozenset[str]] = {
    **dict.fromkeys(["country", "nation", "state"], frozenset({"Country"})),
    **dict.fromkeys(
        ["company", "firm", "corporation", "business", "carmaker", "airline", "bank", "group"],
        frozenset({"Organization"}),
    ),
    **dict.fromkeys(
        ["organization", "organisation", "agency", "alliance", "bloc", "body", "union"],
        frozenset({"Organization"}),
    ),
    **dict.fromkeys(["city", "town", "capital"], frozenset({"City", "Location"})),
    **dict.fromkeys(
        ["government", "administration", "regime", "authorities"], frozenset({"GovernmentBody"})
    ),
}
"""Head nouns of definite descriptions and the entity types they can refer back to."""

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
"""First-person singular pronouns: inside a quotation they are the quoted speaker."""

FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
"""First-person plural pronouns: inside a quotation they are the speaker, or the organization
the speaker speaks for."""


def is_first_person(text: str) -> bool:
    """Whether ``text`` is a first-person pronoun ("I", "we", "Our"), not an acronym ("US").

    >>> [is_first_person(t) for t in ["I", "We", "us", "US", "Iran"]]
    [True, True, True, False, False]
    """
    word = text.strip()
    if word.casefold() not in FIRST_PERSON | FIRST_PLURAL:
        return False
    return word == "I" or not word.isupper()


COLLECTIVE = frozenset({"Organization", "GovernmentBody", "Group"})
"""Entity types a plural "they" can stand for on their own ("the police said they")."""

NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4}
WINDOW = 3
DESCRIPTION_WINDOW = 5
NON_PERSON = frozenset({"Country", "Organization", "GovernmentBody", "Product", "Weapon"})


@dataclass(frozen=True, slots=True)
class Seen:
    """An earlier resolved mention: where it is, its role, and what it refers to.

    ``group`` holds every referent of a coordination the mention heads ("Russia and Iran").
    """

    token: int
    sent: int
    role: str
    quoted: bool
    referent: Referent
    group: tuple[Referent, ...] = ()


NON_REFERRING_VERBS = frozenset(
    {
        "be",
        "take",
        "seem",
        "appear",
        "happen",
        "remain",
        "mean",
        "rain",
        "snow",
        "matter",
        "cost",
        "emerge",
        "become",
        "look",
        "feel",
        "sound",
        "turn",
        "make",
    }
)
"""Verbs whose subject "it" is usually a dummy ("it took five hours", "it is about ...")."""


def referring_it(token: Token) -> bool:
    """True when "it"/"its" at ``token`` can refer to an entity: a possessive, or the subject
    of a verb that is not a dummy-subject verb.

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), "It took five hours. It said sales fell. Its profit rose.")
    >>> [referring_it(t) for t in doc if t.lower_ in {"it", "its"}]
    [False, True, True]
    """
    if token.dep_ == "poss":
        return True
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return token.head.lemma_ not in NON_REFERRING_VERBS


def pronoun_antecedents(
    word: str,
    token: int,
    sent: int,
    quoted: bool,
    history: Sequence[Seen],
    gender_of: Callable[[Referent], str | None],
    rivals: Sequence[NounSubject] = (),
    exclude: Referent | None = None,
) -> list[Referent]:
    """The antecedents of a pronoun at ``token``, most likely first; ``[]`` when unresolved.

    ``rivals`` are the subjects that are common noun phrases (a nearer one of the right kind
    leaves the pronoun unresolved) and ``exclude`` the speaker of the quotation holding it.

    >>> woodward = Referent("Barbara Woodward", "Person")
    >>> iran = Referent("Iran", "Country", "Q794")
    >>> seen = [Seen(0, 0, "subject", False, woodward), Seen(9, 0, "subject", True, iran)]
    >>> gender = {woodward: "f"}.get
    >>> pronoun_antecedents("she", 20, 1, False, seen, gender)
    [Referent(name='Barbara Woodward', type='Person', wikidata=None)]
    >>> pronoun_antecedents("he", 20, 1, False, seen, gender)
    []
    >>> pronoun_antecedents("she", 20, 1, False, seen, gender, exclude=woodward)
    []
    """
    number, gender = PRONOUNS.get(word.casefold(), (None, None))
    if number is None:
        return []
    before = [
        s for s in history if s.token < token and sent - s.sent <= WINDOW and s.referent != exclude
    ]
    near = [r for r in rivals if r.token < token and sent - r.sent <= 1]
    if not quoted:
        before = [s for s in before if not s.quoted]
        near = [r for r in near if not r.quoted]
    before.reverse()
    if number == "plural":
        return _plural_antecedents(sent, before, [r for r in near if r.plural])
    if gender is None:
        for seen in before:
            if sent - seen.sent > 1:
                break
            if seen.referent.type in NON_PERSON and seen.role in {"subject", "speaker"}:
                if any(_blocks(r, seen, person=False) for r in near):
                    return []
                return [seen.referent]
        return []

    def fits(seen: Seen) -> bool:
        if seen.referent.type != "Person" or len(seen.group) > 1:
            return False
        known = gender_of(seen.referent)
        return known is None or known == gender

    found = next((s for s in before if fits(s) and s.role in {"subject", "speaker"}), None)
    if found is None:
        found = next((s for s in before if fits(s)), None)
    if found is None or any(_blocks(r, found, person=True) for r in near):
        return []
    return [found.referent]


def _blocks(rival: NounSubject, found: Seen, person: bool) -> bool:
    """Whether a common noun subject between an antecedent and its pronoun could be the
    antecedent instead (a person for "he"/"she", a thing for "it")."""
    if rival.token <= found.token or rival.plural or rival.person != person:
        return False
    return not (rival.definite and rival.head in DESCRIPTION_TYPES)


def _plural_antecedents(
    sent: int, before: Sequence[Seen], rivals: Sequence[NounSubject]
) -> list[Referent]:
    for seen in before:
        if sent - seen.sent > 1:
            break
        if seen.role not in {"subject", "speaker"}:
            continue
        if len(seen.group) > 1:
            found = list(seen.group)
        elif seen.referent.type in COLLECTIVE:
            found = [seen.referent]
        else:
            continue
        if any(r.token > seen.token for r in rivals):
            return []
        return found
    return []


def speaker_antecedent(token: int, paragraph: range, history: Sequence[Seen]) -> list[Referent]:
    """The speaker of the quotation holding a first-person pronoun at ``token``.

    The speaker is the person who is the subject of a verb of saying outside quotation marks
    in the same paragraph, nearest to the pronoun.

    >>> kirby = Referent("John Kirby", "Person")
    >>> seen = [Seen(12, 1, "speaker", False, kirby)]
    >>> speaker_antecedent(3, range(0, 20), seen)
    [Referent(name='John Kirby', type='Person', wikidata=None)]
    >>> speaker_antecedent(3, range(0, 10), seen)
    []
    """
    speakers = [
        s
        for s in history
        if s.token in paragraph
        and s.role == "speaker"
        and not s.quoted
        and s.referent.type == "Person"
    ]
    if not speakers:
        return []
    return [min(speakers, key=lambda s: abs(s.token - token)).referent]


def description_antecedents(
    head: str,
    number: int | None,
    plural: bool,
    token: int,
    sent: int,
    history: Sequence[Seen],
    roles_of: Callable[[Referent], set[str]] = lambda _: set(),
) -> list[Referent]:
    """The antecedents of a definite description ("the two countries", "the company").

    ``head`` is the lemma of the head noun, ``number`` the count given by a numeral or "both".

    >>> russia, iran = Referent("Russia", "Country"), Referent("Iran", "Country")
    >>> ukraine = Referent("Ukraine", "Country")
    >>> seen = [Seen(1, 0, "other", False, ukraine), Seen(5, 1, "subject", False, russia),
    ...         Seen(8, 1, "other", False, iran), Seen(9, 1, "other", False, russia)]
    >>> [r.name for r in description_antecedents("country", 2, True, 30, 2, seen)]
    ['Russia', 'Iran']
    >>> description_antecedents("country", None, False, 30, 2, seen)
    []
    """
    before = [s for s in history if s.token < token]
    types = DESCRIPTION_TYPES.get(head)
    if types is None:
        return _role_antecedent(head, sent, before, roles_of)
    if plural and number:
        found: list[Seen] = []
        for seen in reversed(before):
            if seen.referent.type in types and all(f.referent != seen.referent for f in found):
                found.append(seen)
            if len(found) == number:
                break
        if len(found) < number:
            return []
        found.sort(key=lambda s: min(x.token for x in before if x.referent == s.referent))
        return [s.referent for s in found]
    if plural:
        return []
    near = [s for s in before if sent - s.sent <= DESCRIPTION_WINDOW and s.referent.type in types]
    distinct = {s.referent for s in near}
    return [near[-1].referent] if len(distinct) == 1 else []


def _role_antecedent(
    head: str, sent: int, before: Sequence[Seen], roles_of: Callable[[Referent], set[str]]
) -> list[Referent]:
    near = [
        s
        for s in before
        if s.referent.type == "Person"
        and sent - s.sent <= DESCRIPTION_WINDOW
        and head in roles_of(s.referent)
    ]
    distinct = {s.referent for s in near}
    return [near[-1].referent] if len(distinct) == 1 else []
