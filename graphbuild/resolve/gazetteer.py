"""The gazetteer: countries, international organizations, government metonyms and technical
standards (concepts, never organizations).

Loaded once per process from the tab-separated files shipped in ``graphbuild/data`` (see the
README there for their sources). Lookups are by surface form: a leading "the" and full stops
are ignored ("the U.K." = "UK"), case is ignored except for short all-capital acronyms, so that
"US" is the United States but "us" is not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from graphbuild.errors import GazetteerError

_THE = re.compile(r"^the\s+", re.IGNORECASE)
_DOTS = re.compile(r"\.(?=\S|$)")
_SPACE = re.compile(r"\s+")
_NEEDS_THE = re.compile(r"^(United|Republic|Democratic|Federated|Central African|Czech Republic)\b")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: canonical name, ontology class, Wikidata item and country code."""

    name: str
    type: str
    wikidata: str | None = None
    alpha3: str | None = None


def normalize(text: str) -> str:
    """The lookup form of a surface name: no leading "the", no full stops, single spaces.

    >>> normalize("the U.K.")
    'UK'
    >>> normalize("  United   States ")
    'United States'
    """
    text = _SPACE.sub(" ", text.strip())
    text = text.replace("\u2019", "'")
    text = _THE.sub("", text)
    text = _DOTS.sub("", text)
    return text.strip()


def _is_acronym(key: str) -> bool:
    return len(key) <= 5 and key.isupper()


def government_name(country: str) -> str:
    """The canonical name of a country's national government.

    >>> government_name("Russia")
    'Government of Russia'
    >>> government_name("United Kingdom")
    'Government of the United Kingdom'
    >>> government_name("Philippines")
    'Government of the Philippines'
    """
    the = "the " if _NEEDS_THE.match(country) or country.endswith(("s", "lands")) else ""
    if country in {"Laos", "Mauritius", "Cyprus", "Belarus", "Honduras"}:
        the = ""
    return f"Government of {the}{country}"


class Gazetteer:
    """Countries, organizations and metonyms, indexed by surface form.

    >>> gaz = gazetteer()
    >>> gaz.lookup("U.K.").name, gaz.lookup("Britain").wikidata
    ('United Kingdom', 'Q145')
    >>> gaz.lookup("us") is None, gaz.lookup("US").name
    (True, 'United States')
    >>> gaz.demonym("Iranian").name
    'Iran'
    >>> gaz.metonym("the Kremlin").name
    'Government of Russia'
    """

    def __init__(
        self,
        countries: list[dict[str, str]],
        organizations: list[dict[str, str]],
        metonyms: list[dict[str, str]],
        given_names: list[dict[str, str]],
        standards: list[dict[str, str]] | None = None,
    ) -> None:
        self._exact: dict[str, Place] = {}
        self._folded: dict[str, Place] = {}
        self._demonyms: dict[str, Place] = {}
        self._capitals: dict[str, Place] = {}
        self._metonyms: dict[str, Place] = {}
        self._by_alpha3: dict[str, Place] = {}
        self._governments: dict[str, Place] = {}
        self._state_of: dict[str, str] = {}
        self.genders: dict[str, str] = {row["name"]: row["gender"] for row in given_names}
        for row in countries:
            place = Place(row["name"], "Country", row["wikidata"] or None, row["alpha3"])
            self._by_alpha3[row["alpha3"]] = place
            for name in [row["name"], *_split(row["aliases"])]:
                self._add(name, place)
            for demonym in _split(row["demonyms"]):
                self._demonyms.setdefault(demonym.casefold(), place)
            for capital in _split(row["capitals"]):
                self._capitals.setdefault(normalize(capital).casefold(), place)
        for row in organizations:
            place = Place(row["name"], row["type"], row["wikidata"] or None)
            for name in [row["name"], *_split(row["aliases"])]:
                self._add(name, place)
        for row in standards or ():
            place = Place(row["name"], "Concept")
            for name in [row["name"], *_split(row["aliases"])]:
                self._add(name, place)
        for row in metonyms:
            country = self._by_alpha3.get(row["country"])
            if country is None:
                raise GazetteerError(f"metonyms.tsv: unknown country code {row['country']!r}")
            body = row.get("body") or ""
            place = (
                Place(body, "GovernmentBody", None, country.alpha3)
                if body
                else self.government(country)
            )
            if body:
                self._state_of[body] = country.name
            self._metonyms[normalize(row["alias"]).casefold()] = place

    def _add(self, name: str, place: Place) -> None:
        key = normalize(name)
        if not key:
            return
        if _is_acronym(key):
            self._exact.setdefault(key, place)
        else:
            self._folded.setdefault(key.casefold(), place)

    def lookup(self, text: str) -> Place | None:
        """The country or organization named ``text``, or ``None``."""
        key = normalize(text)
        if key.endswith(("'s", "'")):
            key = re.sub(r"'s?$", "", key)
        if _is_acronym(key):
            return self._exact.get(key)
        return self._folded.get(key.casefold())

    def demonym(self, word: str) -> Place | None:
        """The country a demonym ("Iranian", "British") refers to, or ``None``."""
        return self._demonyms.get(normalize(word).casefold())

    def capital(self, text: str) -> Place | None:
        """The country whose capital is named ``text``, or ``None``."""
        return self._capitals.get(normalize(text).casefold())

    def metonym(self, text: str) -> Place | None:
        """The government body a seat or nickname stands for ("the Kremlin"), or ``None``."""
        return self._metonyms.get(normalize(text).casefold())

    def country(self, alpha3: str) -> Place | None:
        """The country with ISO 3166-1 alpha-3 code ``alpha3``."""
        return self._by_alpha3.get(alpha3)

    def government(self, country: Place) -> Place:
        """The national government of ``country`` as a GovernmentBody place."""
        name = government_name(country.name)
        place = self._governments.get(name)
        if place is None:
            place = Place(name, "GovernmentBody", None, country.alpha3)
            self._governments[name] = place
            self._state_of[name] = country.name
        return place

    def state_of(self, name: str) -> str | None:
        """The canonical name of the country a government body acts for, or ``None``.

        >>> gazetteer().state_of("Government of Iran")
        'Iran'
        >>> gazetteer().state_of("United States Department of Defense")
        'United States'
        """
        if name not in self._state_of and name.startswith("Government of "):
            country = self.lookup(name.removeprefix("Government of "))
            if country is not None and country.type == "Country":
                self.government(country)
        return self._state_of.get(name)

    def gender(self, given_name: str) -> str | None:
        """``"f"``, ``"m"`` or ``None`` for a given name."""
        return self.genders.get(given_name)


def _split(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


def _read(name: str) -> list[dict[str, str]]:
    try:
        text = resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file {name!r}: {exc}") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise GazetteerError(f"gazetteer file {name!r} is empty")
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise GazetteerError(f"{name}: data line {number} has {len(cells)} fields")
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)))
    return rows


@functools.cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use and cached for the process."""
    return Gazetteer(
        _read("countries.tsv"),
        _read("organizations.tsv"),
        _read("metonyms.tsv"),
        _read("given_names.tsv"),
        _read("standards.tsv"),
    )
