"""Person names within one article: full name, surname, title + surname, initials.

A news article introduces a person by full name ("John Kirby") and then refers back by
surname ("Kirby", "De La Fuente"), title and surname ("Mr. Kirby", "President Putin", "Mme
Spanton"), initial and surname ("J. Kirby") or possessive ("Kirby's"). ``cluster_names`` groups
such mentions, spelling variants of one transliterated name too ("Hamza bin Laden", "Hamza bin
Ladin"), and names each group by the full form the article uses most.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from graphbuild.lexicon import FEMALE_TITLES, MALE_TITLES, TITLES

HONORIFICS = {
    **dict.fromkeys(["mme", "mlle", "mademoiselle", "frau", "señora", "senora", "signora"], "f"),
    **dict.fromkeys(["monsieur", "herr", "señor", "senor", "signor"], "m"),
}
"""Honorifics of other languages that English news keeps before a name ("Mme Spanton"), with
the gender they tell. They are titles, never given names."""

NAME_TITLES = TITLES | frozenset(HONORIFICS)
FEMALE = FEMALE_TITLES | frozenset(t for t, g in HONORIFICS.items() if g == "f")
MALE = MALE_TITLES | frozenset(t for t, g in HONORIFICS.items() if g == "m")
"""Every title word before a name, and those that tell a gender (``lexicon`` plus
``HONORIFICS``)."""

PARTICLES = frozenset(
    {"de", "la", "le", "du", "des", "del", "della", "di", "da", "dos", "das", "van", "von", "der"}
    | {"den", "ten", "ter", "bin", "ibn", "ben", "al", "el"}
)
"""Words that begin a surname ("De La Fuente", "van Gogh", "bin Laden"): a name that starts
with one is a surname alone, not a given name and a surname."""

SUFFIXES = frozenset({"jr", "sr", "phd", "md", "obe", "mbe", "kbe", "qc", "kc"})
REGNAL = frozenset({"ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xvi"})
NON_PERSON_WORDS = frozenset(
    {
        "university",
        "college",
        "school",
        "hospital",
        "falls",
        "river",
        "street",
        "airport",
        "park",
        "bridge",
        "foundation",
        "institute",
        "company",
        "group",
        "bank",
        "center",
        "centre",
        "council",
        "party",
        "club",
        "church",
        "island",
        "islands",
        "lake",
        "mountain",
        "county",
        "city",
        "station",
        "square",
        "road",
        "avenue",
        "house",
        "hall",
        "museum",
        "stadium",
        "corporation",
        "department",
        "office",
        "ministry",
        "court",
        "committee",
        "assembly",
        "agency",
        "motors",
        "airlines",
        "times",
        "post",
        "news",
        "fund",
        "league",
        "hotel",
        "prize",
        "award",
        "medal",
        "cup",
        "trophy",
    }
)
"""Last words that make a capitalized name an organization or place, not a person."""

_TOKEN = re.compile(r"[^\s]+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person mention split into title words and name words.

    >>> parse_name("Mr. Kirby's")
    PersonName(title=('mr',), words=('Kirby',), gender='m')
    >>> parse_name("President Vladimir Putin").words
    ('Vladimir', 'Putin')
    """

    title: tuple[str, ...]
    words: tuple[str, ...]
    gender: str | None = None

    @property
    def last(self) -> str:
        """The surname (last name word), case-folded."""
        return self.words[-1].casefold() if self.words else ""

    @property
    def first(self) -> str:
        """The first name word, case-folded, without a trailing full stop."""
        return self.words[0].rstrip(".").casefold() if self.words else ""

    @property
    def is_full(self) -> bool:
        """True when the name has a given name (not only an initial) and a surname.

        >>> [parse_name(t).is_full for t in ["John Kirby", "J. Kirby", "De La Fuente"]]
        [True, False, False]
        """
        return (
            len(self.words) >= 2
            and len(self.words[0].rstrip(".")) > 1
            and self.words[0].casefold() not in PARTICLES
        )

    @property
    def text(self) -> str:
        """The name words joined by spaces."""
        return " ".join(self.words)


def _bare(word: str) -> str:
    return word.rstrip(".,").casefold()


def parse_name(text: str) -> PersonName:
    """Split a person mention into title words and name words, guessing gender from titles.

    >>> parse_name("Mrs Thatcher")
    PersonName(title=('mrs',), words=('Thatcher',), gender='f')
    >>> parse_name("J. Kirby").words
    ('J.', 'Kirby')
    >>> parse_name("Martin Luther King Jr.").words
    ('Martin', 'Luther', 'King')
    >>> parse_name("Queen Elizabeth II").words
    ('Elizabeth', 'II')
    """
    words = [_POSSESSIVE.sub("", word) for word in _TOKEN.findall(text)]
    words = [word.strip(",;:\"'\u201c\u201d()") for word in words]
    words = [word for word in words if word]
    title: list[str] = []
    while len(words) > 1 and _bare(words[0]) in NAME_TITLES:
        title.append(_bare(words.pop(0)))
    while len(words) > 1 and _bare(words[-1]) in SUFFIXES:
        words.pop()
    # "John Smith III" drops the numeral; "Elizabeth II" keeps it, it is the name.
    if len(words) > 2 and _bare(words[-1]) in REGNAL:
        words.pop()
    gender = None
    if any(word in FEMALE for word in title):
        gender = "f"
    elif any(word in MALE for word in title):
        gender = "m"
    return PersonName(tuple(title), tuple(words), gender)


def compatible(short: PersonName, full: PersonName) -> bool:
    """True when ``short`` can be a later reference to the person named ``full``.

    >>> full = parse_name("John Kirby")
    >>> [compatible(parse_name(t), full) for t in ["Kirby", "Mr. Kirby", "J. Kirby", "Jane Kirby"]]
    [True, True, True, False]
    >>> compatible(parse_name("Mrs Kirby"), parse_name("John Kirby"), )
    True
    >>> compatible(parse_name("De La Fuente"), parse_name("Rocky De La Fuente"))
    True
    """
    if not short.words or not full.words:
        return False
    if short.last != full.last:
        return False
    if len(short.words) == 1:
        return True
    if short.words[0].casefold() in PARTICLES:
        tail = [w.casefold() for w in full.words[-len(short.words) :]]
        return tail == [w.casefold() for w in short.words]
    first = short.first
    if len(first) == 1:
        return full.first.startswith(first)
    if len(short.words) > len(full.words):
        return False
    return first == full.first


@dataclass(slots=True)
class Cluster:
    """A group of mentions of one person.

    While grouping, ``name`` is the fullest form seen (the most a later short form can be
    compared with) and ``forms`` counts each full form; ``cluster_names`` then names the
    person by the full form used most.
    """

    name: PersonName
    members: list[int]
    gender: str | None = None
    forms: dict[tuple[str, ...], int] = field(default_factory=dict)

    def absorb(self, other: PersonName) -> None:
        if len(other.words) > len(self.name.words):
            self.name = PersonName(self.name.title, other.words, self.name.gender)
        if other.is_full:
            self.forms[other.words] = self.forms.get(other.words, 0) + 1
        if self.gender is None:
            self.gender = other.gender

    def same_person(self, full: PersonName) -> bool:
        """Whether the full name ``full`` is this person (``_same_full`` with any full form)."""
        return _same_full(full, self.name) or any(
            _same_full(full, PersonName((), form)) for form in self.forms
        )

    def fits(self, name: PersonName) -> bool:
        """Whether the short form ``name`` can refer to this person, under any of its names."""
        return compatible(name, self.name) or any(
            compatible(name, PersonName((), form)) for form in self.forms
        )

    def canonical(self) -> PersonName:
        """The full form used most, the fullest on a tie ("Gloria Vanderbilt" named eight
        times, not "Gloria Morgan Vanderbilt" once).

        >>> c = Cluster(parse_name("Gloria Morgan Vanderbilt"), [0, 1, 2])
        >>> c.forms = {("Gloria", "Vanderbilt"): 2, ("Gloria", "Morgan", "Vanderbilt"): 1}
        >>> c.canonical().text
        'Gloria Vanderbilt'
        """
        if not self.forms:
            return self.name
        words = max(self.forms, key=lambda w: (self.forms[w], len(w), len(" ".join(w))))
        return PersonName(self.name.title, words, self.name.gender)


def cluster_names(
    texts: Sequence[str],
    gender_of: Callable[[str], str | None] = lambda _: None,
    joining: Collection[int] = (),
) -> list[Cluster]:
    """Group person mentions (in document order) into people.

    Full names are grouped first (spelling variants of one transliterated name too: see
    ``_same_full``); a surname-only, title + surname or initial + surname mention then joins
    the earlier compatible person mentioned most so far, the nearest on a tie (or the nearest
    later one when the short form comes first, as in headlines). A title that implies a gender
    ("Mrs") only joins a person of that gender. Each person is named by the full form the
    article uses most (``Cluster.canonical``). The texts numbered in ``joining`` (single words
    the tagger did not call a person) only join a person named in full; alone, they are left
    out of every cluster.

    >>> texts = ["John Kirby", "Mr. Kirby", "Barbara Woodward", "Kirby's", "Woodward"]
    >>> [(c.name.text, c.members) for c in cluster_names(texts)]
    [('John Kirby', [0, 1, 3]), ('Barbara Woodward', [2, 4])]
    >>> [c.name.text for c in cluster_names(["Hamza bin Laden", "Hamza bin Ladin", "Ladin"])]
    ['Hamza bin Laden']
    """
    names = [parse_name(text) for text in texts]
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}
    for index, name in enumerate(names):
        if not name.is_full or index in joining:
            continue
        match = next((c for c in clusters if c.same_person(name)), None)
        if match is None:
            gender = name.gender or gender_of(name.words[0])
            match = Cluster(name, [], gender)
            clusters.append(match)
        match.absorb(name)
        match.members.append(index)
        owner[index] = match
    for index, name in enumerate(names):
        if index in owner or not name.words:
            continue
        match = _nearest(index, name, names, owner)
        if match is None and len(name.words) == 1:
            match = by_first_word(name.words[0], clusters)
        if match is None and index in joining:
            continue
        if match is None:
            match = next((c for c in clusters if c.name.words == name.words), None)
        if match is None:
            match = Cluster(name, [], name.gender)
            clusters.append(match)
        else:
            match.absorb(PersonName((), (), name.gender))
        match.members.append(index)
        owner[index] = match
    for cluster in clusters:
        cluster.members.sort()
        cluster.name = cluster.canonical()
    return clusters


def _same_full(a: PersonName, b: PersonName) -> bool:
    """Whether two full names name one person: the same surname and given name, one perhaps
    with a middle name, or spelling variants of one transliterated name.

    >>> _same_full(parse_name("John Kirby"), parse_name("John F. Kirby"))
    True
    >>> _same_full(parse_name("Osama bin Laden"), parse_name("Usama bin Ladin"))
    True
    >>> _same_full(parse_name("Dan Smith"), parse_name("Don Smith"))
    False
    """
    if _transliterated(a.words, b.words):
        return True
    if a.last != b.last:
        return False
    shorter, longer = sorted((a.words, b.words), key=len)
    # "John Kirby" and "John F. Kirby" are one person; "John Kirby" and "John Paul Kirby" may
    # not be, but news text does not use both for different people in one article.
    return shorter[0].casefold() == longer[0].casefold()


def _transliterated(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two spellings of one name that differ only in vowels, the surname among them
    ("Hamza bin Laden" / "Hamza bin Ladin"). Names whose surnames agree are left to the other
    rules: "Dan Smith" and "Don Smith" may be brothers."""
    if len(a) != len(b) or len(a) < 2 or _vowel_variant(a[-1], b[-1]) is not True:
        return False
    return all(_vowel_variant(x, y) is not False for x, y in zip(a[:-1], b[:-1], strict=True))


def _vowel_variant(a: str, b: str) -> bool | None:
    """``None`` for the same word, True for words differing only in vowels at the same places,
    False otherwise."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return None
    if len(a) != len(b) or len(a) < 4:
        return False
    return all(x == y or (x in _VOWELS and y in _VOWELS) for x, y in zip(a, b, strict=True))


_VOWELS = frozenset("aeiouy")


def _nearest(
    index: int, name: PersonName, names: Sequence[PersonName], owner: dict[int, Cluster]
) -> Cluster | None:
    def fits(cluster: Cluster) -> bool:
        if name.gender and cluster.gender and name.gender != cluster.gender:
            return False
        return cluster.fits(name)

    # Earlier people named in full that it fits, by how often they were mentioned so far, then
    # how recently in full: "Hunter Biden" named in passing does not take "Mr. Biden" from
    # "Joe Biden", mentioned throughout.
    mentioned: dict[int, int] = {}
    latest: dict[int, tuple[int, Cluster]] = {}
    for other in range(index):
        cluster = owner.get(other)
        if cluster is None:
            continue
        mentioned[id(cluster)] = mentioned.get(id(cluster), 0) + 1
        if names[other].is_full and fits(cluster):
            latest[id(cluster)] = (other, cluster)
    if latest:
        key = max(latest, key=lambda k: (mentioned[k], latest[k][0]))
        return latest[key][1]
    for other in range(index + 1, len(names)):
        cluster = owner.get(other)
        if cluster is not None and names[other].is_full and fits(cluster):
            return cluster
    return None


def by_first_word(word: str, clusters: Sequence[Cluster]) -> Cluster | None:
    """The one person whose name starts with ``word``, when ``word`` is nobody's surname.

    Covers given-name references ("Hamza" after "Hamza bin Laden") and family-name-first
    names ("Xi" after "Xi Jinping").

    >>> clusters = cluster_names(["Hamza bin Laden", "Osama bin Laden"])
    >>> by_first_word("Hamza", clusters).name.text
    'Hamza bin Laden'
    >>> by_first_word("Laden", clusters) is None
    True
    """
    folded = word.casefold()
    if any(c.name.last == folded for c in clusters):
        return None
    found = [c for c in clusters if c.name.is_full and c.name.first == folded]
    return found[0] if len(found) == 1 else None


def person_like(words: Sequence[str]) -> bool:
    """Capitalized words that do not end like an organization or a place.

    >>> person_like(["Huw", "Evans"]), person_like(["George", "Washington", "University"])
    (True, False)
    """
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and words[-1].casefold().rstrip(".") not in NON_PERSON_WORDS
    )
