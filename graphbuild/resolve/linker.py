"""Canonical names, so one thing gets one node across articles.

- A gazetteer entity is named by the gazetteer ("U.K." in one article and "Britain" in another
  are both "United Kingdom") and carries its Wikidata item.
- A person is named by the fullest form of their name in the article ("John Kirby").
- An organization is named by its fullest form in the article: an acronym joins the name it
  abbreviates ("NSC" → "National Security Council"), a shorter form joins the one longer name
  it ends or begins ("the Coast Guard" → "Philippine Coast Guard", "the Communist Party" →
  "Communist Party of China"), and a legal suffix is dropped when comparing ("Acme Corp." =
  "Acme").
- A non-entity object is a Concept named by the lemma of its head word ("drone").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from graphbuild.graph.iris import entity_iri
from graphbuild.records import Entity
from graphbuild.resolve.gazetteer import gazetteer
from graphbuild.resolve.places import Referent

LEGAL_SUFFIXES = frozenset(
    {"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "ag", "sa", "gmbh", "limited", "nv"}
)
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des"})
_WORD = re.compile(r"[\w&'-]+")


def org_key(text: str) -> str:
    """The comparison key of an organization name.

    >>> org_key("the Acme Corp.")
    'acme'
    >>> org_key("Acme")
    'acme'
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1].rstrip(".") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def initials(text: str) -> str:
    """The acronym a name would have.

    >>> initials("National Security Council")
    'NSC'
    >>> initials("the Organization of the Petroleum Exporting Countries")
    'OPEC'
    """
    words = [w for w in _WORD.findall(text) if w.casefold() not in _SMALL_WORDS]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def is_acronym(text: str) -> bool:
    """True for an all-capital short form such as "NSC", "N.S.C." or "PG&E".

    >>> is_acronym("NSC"), is_acronym("N.S.C."), is_acronym("PG&E"), is_acronym("Nasa")
    (True, True, True, False)
    """
    bare = text.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def abbreviates(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is the initials of ``name``, its legal suffix counted or not.

    >>> abbreviates("NSC", "National Security Council")
    True
    >>> abbreviates("PG&E", "Pacific Gas and Electric Company")
    True
    """
    short = acronym.replace(".", "").replace("&", "")
    if not short or is_acronym(name):
        return False
    words = _WORD.findall(name)
    bare = words[:-1] if len(words) > 2 and words[-1].casefold().rstrip(".") in SUFFIX_WORDS else []
    return short in {initials(name), initials(" ".join(bare)) if bare else ""}


SUFFIX_WORDS = LEGAL_SUFFIXES | frozenset({"company", "group", "holdings"})
"""Last words a name's acronym may leave out ("PG&E" of "Pacific Gas and Electric Company")."""


def event_key(text: str) -> str:
    """The comparison key of an event name: a storm is one storm, hurricane or not.

    >>> event_key("Hurricane Lorenzo"), event_key("Storm Lorenzo"), event_key("Lorenzo")
    ('lorenzo', 'lorenzo', 'lorenzo')
    """
    words = org_key(text).split()
    while len(words) > 1 and words[0] in _STORM_WORDS:
        words = words[1:]
    return " ".join(words)


_STORM_WORDS = frozenset({"hurricane", "storm", "tropical", "typhoon", "cyclone", "super"})


def cluster_organizations(
    texts: Sequence[str], key_of: Callable[[str], str] = org_key
) -> list[list[int]]:
    """Group organization mentions of one article that name the same organization
    (``key_of`` gives the comparison key: ``org_key``, ``event_key``).

    >>> cluster_organizations(["National Security Council", "NSC", "Acme Corp.", "Acme"])
    [[0, 1], [2, 3]]
    >>> cluster_organizations(["World Health Organization", "WHO", "UN"])
    [[0, 1], [2]]

    A shorter form joins the one longer name it ends or begins ("Committee" after "the House
    Oversight and Reform Committee"), and stays apart when it could be several:

    >>> cluster_organizations(["Oversight Committee", "Committee", "Labour Party", "Party"])
    [[0, 1], [2, 3]]
    >>> cluster_organizations(["Labour Party", "Green Party", "Party"])
    [[0], [1], [2]]
    """
    groups: list[list[int]] = []
    keys: dict[str, int] = {}
    for index, text in enumerate(texts):
        key = key_of(text)
        if key in keys:
            groups[keys[key]].append(index)
            continue
        keys[key] = len(groups)
        groups.append([index])
    acronyms = [g for g in groups if is_acronym(texts[g[0]])]
    for group in acronyms:
        short = texts[group[0]]
        targets = [g for g in groups if g and g is not group and abbreviates(short, texts[g[0]])]
        if len(targets) == 1:
            targets[0].extend(group)
            group.clear()
    for group in sorted(groups, key=lambda g: len(org_key(texts[g[0]]).split()) if g else 0):
        if not group or is_acronym(texts[group[0]]):
            continue
        short = org_key(texts[group[0]])
        targets = [g for g in groups if g and g is not group and _contains(texts[g[0]], short)]
        if len(targets) == 1:
            targets[0].extend(group)
            group.clear()
    return sorted((sorted(g) for g in groups if g), key=lambda g: g[0])


def _contains(name: str, short: str) -> bool:
    """Whether the organization ``name`` is named, in a shorter form of one to three words,
    by ``short``: its last words ("the Coast Guard" of "the Philippine Coast Guard") or its
    first words before "of" ("the Communist Party" of "the Communist Party of China"). Names
    joined by a slash ("Fedora/Red Hat Enterprise Linux") are several names.

    >>> _contains("Philippine Coast Guard", "coast guard"), _contains("Coast Guard", "coast guard")
    (True, False)
    >>> _contains("Communist Party of China", "communist party")
    True
    """
    words = org_key(name).split()
    short_words = short.split()
    n = len(short_words)
    if not n or n > 3 or len(words) <= n or "/" in name:
        return False
    if words[-n:] == short_words:
        return True
    return words[:n] == short_words and words[n] == "of"


def fullest(texts: Iterable[str]) -> str:
    """The fullest of several names: most words, then longest, then first seen.

    >>> fullest(["NSC", "National Security Council", "the National Security Council"])
    'National Security Council'
    """
    cleaned = [re.sub(r"^the\s+", "", t.strip(), flags=re.IGNORECASE) for t in texts]
    return max(reversed(cleaned), key=lambda t: (not is_acronym(t), len(t.split()), len(t)))


def entities(
    used: Iterable[Referent], aliases: dict[Referent, set[str]], base: str
) -> list[Entity]:
    """One ``Entity`` per referent, with the aliases seen in the article, sorted by name."""
    out = []
    for referent in sorted(set(used), key=lambda r: (r.name, r.type)):
        seen = sorted(aliases.get(referent, set()) - {referent.name})
        out.append(
            Entity(
                name=referent.name,
                type=referent.type,
                iri=entity_iri(referent.name, referent.type, base),
                aliases=tuple(seen),
                wikidata=referent.wikidata,
                country=gazetteer().state_of(referent.name)
                if referent.type == "GovernmentBody"
                else None,
            )
        )
    return out
