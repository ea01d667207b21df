"""Minting IRIs: stable, percent-encoded and valid for any text.

An IRI is minted from a normalized name, so the same name always gives the same IRI, in
every build and on every machine. Characters that are not allowed in an IRI path segment
(spaces, quotes, angle brackets, control characters, ...) are percent-encoded; letters of any
script are kept. Very long names are cut and suffixed with a hash of the whole name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

DEFAULT_BASE = "https://w3id.org/graphbuild/id/"
"""Namespace of minted instance IRIs (entities, articles, statements)."""

ONTOLOGY = "https://w3id.org/graphbuild/ontology#"
"""Namespace of the graphbuild ontology (classes, role properties, core relations)."""

RELATION = "https://w3id.org/graphbuild/relation/"
"""Namespace of relation predicates, core and open alike."""

MAX_SEGMENT = 80
_SPACES = re.compile(r"[\s_]+")
_SURROGATES = re.compile("[\ud800-\udfff]")
# ucschar ranges of RFC 3987 minus the private/non-character planes, simplified: keep any
# letter, mark or digit; encode everything else except the unreserved ASCII marks.
_SAFE_ASCII = "-."


def slug(name: str) -> str:
    """The normalized, percent-encoded path segment for ``name``.

    Letters, marks and digits of any script are kept when RFC 3987 allows them; everything
    else is percent-encoded as UTF-8 (a lone surrogate becomes U+FFFD first). A segment
    never starts with ``.``, ``-`` or a combining mark nor ends with ``.`` (those are encoded),
    so it is never a dot segment and always a valid local part of a prefixed name.

    >>> slug("John  Kirby")
    'John_Kirby'
    >>> slug('a <b> "c"')
    'a_%3Cb%3E_%22c%22'
    >>> slug("Kryvyi Rih/Кривий Ріг")
    'Kryvyi_Rih%2FКривий_Ріг'
    >>> slug(""), slug(".."), slug("\\ud800x"), slug("x\\U000e0100")
    ('_', '%2E%2E', '%EF%BF%BDx', 'x%F3%A0%84%80')
    >>> slug("0."), slug("-based"), slug("Inc. ~ Co")
    ('0%2E', '%2Dbased', 'Inc._%7E_Co')
    """
    text = _SURROGATES.sub("\ufffd", name)
    text = _SPACES.sub("_", unicodedata.normalize("NFC", text).strip())
    out = []
    for char in text:
        if char.isascii():
            keep = char.isalnum() or char in _SAFE_ASCII or char == "_"
        else:
            keep = unicodedata.category(char)[0] in "LMN" and is_iri_char(char)
        out.append(char if keep else _encode(char))
    segment = "".join(out) or "_"
    if len(segment) > MAX_SEGMENT:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        cut = segment[: MAX_SEGMENT - 13]
        cut = re.sub(r"%[0-9A-F]?$", "", cut)
        segment = f"{cut}-{digest}"
    # Prefixed names (Turtle, SPARQL) cannot start with '.', '-' or a combining mark, nor end
    # with '.': encode those edges so every writer can abbreviate the IRI without escapes.
    if segment[0] in ".-" or unicodedata.category(segment[0])[0] == "M":
        segment = _encode(segment[0]) + segment[1:]
    if segment.endswith("."):
        segment = segment[:-1] + "%2E"
    return segment


def _encode(char: str) -> str:
    """``char`` percent-encoded as UTF-8, unreserved characters included."""
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def entity_iri(name: str, type_: str | None, base: str = DEFAULT_BASE) -> str:
    """The IRI of an entity or concept: ``{base}{type}/{slug}``.

    >>> entity_iri("Iran", "Country")
    'https://w3id.org/graphbuild/id/country/Iran'
    >>> entity_iri("drone", None)
    'https://w3id.org/graphbuild/id/concept/drone'
    """
    kind = (type_ or "Concept").lower()
    return f"{base}{slug(kind)}/{slug(name)}"


def article_iri(doc_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of an article; it also names the article's named graph.

    >>> article_iri("000_a95de5eb2c9af007")
    'https://w3id.org/graphbuild/id/article/000_a95de5eb2c9af007'
    """
    return f"{base}article/{slug(doc_id)}"


def statement_iri(doc_id: str, key: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of one relation instance, from its article and a key unique in the article.

    >>> statement_iri("a1", "12-20:5-9")
    'https://w3id.org/graphbuild/id/statement/a1/5a4a3917df567d58'
    """
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{base}statement/{slug(doc_id)}/{digest}"


def relation_iri(name: str) -> str:
    """The IRI of a relation predicate named by its (lemma) name.

    >>> relation_iri("supply")
    'https://w3id.org/graphbuild/relation/supply'
    >>> relation_iri("call for")
    'https://w3id.org/graphbuild/relation/call_for'
    """
    return RELATION + slug(name.lower())


_IRI_ASCII = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%"
)


def is_iri_char(char: str) -> bool:
    """Whether RFC 3987 allows ``char`` unencoded in an IRI (ASCII IRI characters and
    ``ucschar``; private-use characters are not allowed).

    >>> is_iri_char("é"), is_iri_char(" "), is_iri_char("\\U000e0100"), is_iri_char("\\ufdd0")
    (True, False, False, False)
    """
    code = ord(char)
    if code < 0x80:
        return char in _IRI_ASCII
    if 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF:
        return True
    if code >= 0x10000:
        plane_offset = code & 0xFFFF
        if plane_offset >= 0xFFFE:
            return False
        if code >= 0xE0000:
            return 0xE1000 <= code <= 0xEFFFD
        return True
    return False


def escape_iri(iri: str) -> str:
    """``iri`` with every character an IRI may not hold percent-encoded (UTF-8).

    Characters already allowed, including letters of any script and existing ``%XX``
    escapes, are kept, so escaping a valid IRI returns it unchanged.

    >>> escape_iri('https://example.org/a b/"q"/ä')
    'https://example.org/a%20b/%22q%22/ä'
    >>> escape_iri("https://example.org/x\\U000e0100")
    'https://example.org/x%F3%A0%84%80'
    """
    return "".join(
        char if is_iri_char(char) else quote(char, safe="", errors="replace") for char in iri
    )
