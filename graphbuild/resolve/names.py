"""Person names within one article: full name, surname, title + surname, initials.

A news article introduces a person by full name ("John Kirby") and then refers back by
surname ("Kirby"), title and surname ("Mr. Kirby", "President Putin"), initial and surname
("J. Kirby") or possessive ("Kirby's"). ``cluster_names`` groups such mentions and names each
group by its fullest form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graphbuild.lexicon import FEMALE_TITLES, MALE_TITLES, TITLES

SUFFIXES = frozenset({"jr", "sr", "phd", "md", "obe", "mbe", "kbe", "qc", "kc"})
REGNAL = frozenset({"ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xvi"})
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
        """True when the name has a given name (not only an initial) and a surname."""
        return len(self.words) >= 2 and len(self.words[0].rstrip(".")) > 1

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
    while len(words) > 1 and _bare(words[0]) in TITLES:
        title.append(_bare(words.pop(0)))
    while len(words) > 1 and _bare(words[-1]) in SUFFIXES:
        words.pop()
    # "John Smith III" drops the numeral; "Elizabeth II" keeps it, it is the name.
    if len(words) > 2 and _bare(words[-1]) in REGNAL:
        words.pop()
    gender = None
    if any(word in FEMALE_TITLES for word in title):
        gender = "f"
    elif any(word in MALE_TITLES for word in title):
        gender = "m"
    return PersonName(tuple(title), tuple(words), gender)


def compatible(short: PersonName, full: PersonName) -> bool:
    """True when ``short`` can be a later reference to the person named ``full``.

    >>> full = parse_name("John Kirby")
    >>> [compatible(parse_name(t), full) for t in ["Kirby", "Mr. Kirby", "J. Kirby", "Jane Kirby"]]
    [True, True, True, False]
    >>> compatible(parse_name("Mrs Kirby"), parse_name("John Kirby"), )
    True
    """
    if not short.words or not full.words:
        return False
    if short.last != full.last:
        return False
    if len(short.words) == 1:
        return True
    first = short.first
    if len(first) == 1:
        return full.first.startswith(first)
    if len(short.words) > len(full.words):
        return False
    return first == full.first


@dataclass(slots=True)
class Cluster:
    """A group of mentions of one person; ``name`` is the fullest form seen."""

    name: PersonName
    members: list[int]
    gender: str | None = None

    def absorb(self, other: PersonName) -> None:
        if len(other.words) > len(self.name.words):
            self.name = PersonName(self.name.title, other.words, self.name.gender)
        if self.gender is None:
            self.gender = other.gender


def cluster_names(
    texts: Sequence[str], gender_of: Callable[[str], str | None] = lambda _: None
) -> list[Cluster]:
    """Group person mentions (in document order) into people.

    Full names are grouped first; a surname-only, title + surname or initial + surname mention
    then joins the earlier compatible person mentioned most so far, the nearest on a tie (or
    the nearest later one when the short form comes first, as in headlines). A title that
    implies a gender ("Mrs") only joins a person of that gender.

    >>> texts = ["John Kirby", "Mr. Kirby", "Barbara Woodward", "Kirby's", "Woodward"]
    >>> [(c.name.text, c.members) for c in cluster_names(texts)]
    [('John Kirby', [0, 1, 3]), ('Barbara Woodward', [2, 4])]
    """
    names = [parse_name(text) for text in texts]
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}
    for index, name in enumerate(names):
        if not name.is_full:
            continue
        match = next((c for c in clusters if _same_full(name, c.name)), None)
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
    return clusters


def _same_full(a: PersonName, b: PersonName) -> bool:
    if a.last != b.last:
        return False
    shorter, longer = sorted((a.words, b.words), key=len)
    # "John Kirby" and "John F. Kirby" are one person; "John Kirby" and "John Paul Kirby" may
    # not be, but news text does not use both for different people in one article.
    return shorter[0].casefold() == longer[0].casefold()


def _nearest(
    index: int, name: PersonName, names: Sequence[PersonName], owner: dict[int, Cluster]
) -> Cluster | None:
    def fits(cluster: Cluster) -> bool:
        if name.gender and cluster.gender and name.gender != cluster.gender:
            return False
        return compatible(name, cluster.name)

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
