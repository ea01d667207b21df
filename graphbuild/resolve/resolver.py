"""Resolving one article: mention table → referents → every Part of every relation."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from graphbuild.errors import GraphbuildError
from graphbuild.graph.iris import entity_iri
from graphbuild.records import Entity, Part, Relation
from graphbuild.resolve import coref, linker, places
from graphbuild.resolve.gazetteer import Gazetteer, gazetteer
from graphbuild.resolve.mentions import (
    SUBJECT_DEPS,
    Mention,
    clean_span,
    mention_table,
    quoted_tokens,
    sentence_index,
)
from graphbuild.resolve.names import TITLES, by_first_word, cluster_names, parse_name
from graphbuild.resolve.places import Referent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LABEL_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "NORP": "Group",
    "PRODUCT": "Product",
    "EVENT": "Event",
    "WORK_OF_ART": "Concept",
    "LAW": "Concept",
}
"""Ontology class of a named mention the gazetteer does not know, by spaCy label."""

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
MAX_SPLIT = 4
SPEAKER_PRONOUNS = {
    "he": frozenset({"Person"}),
    "she": frozenset({"Person"}),
    "it": frozenset({"Organization", "GovernmentBody", "Country", "Group"}),
    "they": frozenset({"Organization", "GovernmentBody", "Group"}),
}
"""A pronoun subject of reported speech that, in the speaker's own sentence, is the speaker
("the Iranian government denied that it had sent the drones"), by the speaker's type."""
QUANTITY_HEADS = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "number",
        "lot",
        "lots",
        "couple",
        "pair",
        "series",
        "range",
        "kind",
        "type",
        "some",
        "many",
        "most",
        "all",
        "part",
        "batch",
        "shipment",
        "supply",
        "amount",
    }
)


HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lady",
        "lord",
        "prof",
        "professor",
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
"""Titles that only ever precede a person's name."""

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
    }
)
"""Last words that make a capitalized name an organization or place, not a person."""


def _person_like(words: Sequence[str]) -> bool:
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and words[-1].casefold().rstrip(".") not in NON_PERSON_WORDS
    )


class ResolveError(GraphbuildError):
    """A relation does not fit the article it claims to come from."""


class ArticleResolver:
    """Everything known about one article's mentions, built once and used for every Part."""

    def __init__(self, doc: Doc, base: str, gaz: Gazetteer | None = None) -> None:
        self.doc = doc
        self.base = base
        self.gaz = gaz or gazetteer()
        self.sents = sentence_index(doc)
        self.quoted = quoted_tokens(doc)
        self.mentions = self._relabel(mention_table(doc))
        self.readings: list[Referent | None] = [None] * len(self.mentions)
        self.token_mention: dict[int, int] = {}
        self.aliases: dict[Referent, set[str]] = {}
        self.genders: dict[Referent, str] = {}
        self.roles: dict[Referent, set[str]] = {}
        for number, mention in enumerate(self.mentions):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self.token_mention[token.i] = number
        self._resolve_people()
        self._resolve_others()
        self.nationality: dict[Referent, Referent] = {}
        self._nationalities()
        self.history = self._history()
        self.pronouns: dict[int, list[Referent]] = {}
        for token in doc:
            if token.lower_ in coref.PRONOUNS:
                self.pronouns[token.i] = self._pronoun(token)
        self.alias_index: dict[str, set[Referent]] = {}
        for referent, names in self.aliases.items():
            for name in names:
                self.alias_index.setdefault(linker.org_key(name), set()).add(referent)
        self._iris: dict[tuple[str, str | None], str] = {}

    # -- the mention table -------------------------------------------------------------

    def _relabel(self, mentions: list[Mention]) -> list[Mention]:
        """Fix person labels the tagger missed: "Dr Evans" tagged ORG is a person, and so is
        "Huw Evans" once a titled "Evans" is known, or "Angela Merkel" by her given name."""
        out = []
        for mention in mentions:
            name = parse_name(mention.text)
            if (
                mention.label != "PERSON"
                and set(name.title) & HONORIFICS
                and _person_like(name.words)
                and self.gaz.lookup(mention.text) is None
            ):
                mention = replace(mention, label="PERSON")
            out.append(mention)
        titled = {
            parse_name(m.text).last
            for m in out
            if m.label == "PERSON" and (m.title or parse_name(m.text).title)
        }
        for number, mention in enumerate(out):
            if mention.label not in {"ORG", "GPE", "NORP"} or self.gaz.lookup(mention.text):
                continue
            name = parse_name(mention.text)
            known = self.gaz.gender(name.words[0]) is not None if name.words else False
            if (
                2 <= len(name.words) <= 3
                and _person_like(name.words)
                and (known or name.last in titled)
            ):
                out[number] = replace(mention, label="PERSON")
        return out

    def _resolve_people(self) -> None:
        people = [i for i, m in enumerate(self.mentions) if m.label == "PERSON"]
        texts = [self._person_text(self.mentions[i]) for i in people]
        clusters = cluster_names(texts, self.gaz.gender)
        surnames = {c.name.last: c for c in clusters if c.name.is_full}
        for cluster in clusters:
            referent = Referent(cluster.name.text, "Person")
            if cluster.gender:
                self.genders[referent] = cluster.gender
            for member in cluster.members:
                self._assign(people[member], referent, texts[member])
        # A surname the tagger labelled as something else ("Kirby" as ORG) still names the
        # person introduced by full name.
        for number, mention in enumerate(self.mentions):
            if mention.label in {"PERSON", "NORP"} or self.gaz.lookup(mention.text):
                continue
            words = parse_name(mention.text).words
            if len(words) != 1:
                continue
            cluster = surnames.get(words[0].casefold()) or by_first_word(words[0], clusters)
            if cluster is not None:
                self._assign(number, Referent(cluster.name.text, "Person"), mention.text)
        for number in people:
            referent = self.readings[number]
            if referent is not None:
                self.roles.setdefault(referent, set()).update(self._role_nouns(number))

    def _nationalities(self) -> None:
        """The country of each person whose title or apposition names it ("British Prime
        Minister Boris Johnson", "Rodrigo Duterte, the Philippine president")."""
        for number, mention in enumerate(self.mentions):
            referent = self.readings[number]
            if referent is None or referent.type != "Person" or referent in self.nationality:
                continue
            root = self.doc[mention.root]
            candidates = []
            index = self._name_start(number) - 1
            while index >= 0:
                token = self.doc[index]
                if token.lower_.rstrip(".") in TITLES or token.text in {"-", "'s", "’s"}:
                    index -= 1
                    continue
                if index in self.token_mention:
                    candidates.append(self.readings[self.token_mention[index]])
                break
            for child in root.children:
                if child.dep_ == "appos":
                    for modifier in child.children:
                        if modifier.dep_ in MODIFIER_DEPS and modifier.i in self.token_mention:
                            candidates.append(self.readings[self.token_mention[modifier.i]])
            for candidate in candidates:
                if candidate is not None and candidate.type == "Country":
                    self.nationality[referent] = candidate
                    break

    def _name_start(self, number: int) -> int:
        mention = self.mentions[number]
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.start if span is not None else mention.root

    def _person_text(self, mention: Mention) -> str:
        if mention.title is None:
            return mention.text
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        start = span.start - 1 if span is not None else 0
        return self.doc[start].text + " " + mention.text

    def _role_nouns(self, number: int) -> set[str]:
        token = self.doc[self.mentions[number].root]
        nouns = {child.lemma_.casefold() for child in token.children if child.dep_ == "appos"}
        if token.dep_ == "appos":
            nouns.add(token.head.lemma_.casefold())
        for left in token.lefts:
            if left.dep_ == "compound" and left.lower_.rstrip(".") in TITLES:
                nouns.add(left.lemma_.casefold())
        if self.mentions[number].title:
            nouns.add(self.mentions[number].title or "")
        return nouns

    def _resolve_others(self) -> None:
        orgs: list[int] = []
        for number, mention in enumerate(self.mentions):
            if self.readings[number] is not None or mention.label == "PERSON":
                continue
            reading = places.name_reading(self.gaz, mention.text, mention.label)
            if reading is not None:
                self._assign(number, reading, mention.text)
            elif mention.label == "ORG":
                orgs.append(number)
            else:
                label_type = LABEL_TYPES.get(mention.label, "Concept")
                self._assign(number, Referent(_strip_the(mention.text), label_type), mention.text)
        texts = [self.mentions[n].text for n in orgs]
        for group in linker.cluster_organizations(texts):
            name = linker.fullest(texts[i] for i in group)
            for i in group:
                self._assign(orgs[i], Referent(name, "Organization"), texts[i])

    def _assign(self, number: int, referent: Referent, alias: str) -> None:
        self.readings[number] = referent
        aliases = self.aliases.setdefault(referent, set())
        if self.mentions[number].label != "NORP":
            aliases.add(_strip_the(alias))

    def _history(self) -> list[coref.Seen]:
        seen = []
        for number, mention in enumerate(self.mentions):
            referent = self.readings[number]
            if referent is None:
                continue
            token = self.doc[mention.root]
            if mention.role == "modifier" and referent.type != "Person":
                continue
            group = tuple(self._conjuncts(token)) if token.dep_ != "conj" else ()
            seen.append(
                coref.Seen(
                    mention.root,
                    mention.sent,
                    mention.role,
                    mention.quoted,
                    referent,
                    group if len(group) > 1 else (),
                )
            )
        return seen

    def _conjuncts(self, token: Token) -> list[Referent]:
        out = []
        for item in (token, *token.conjuncts):
            number = self.token_mention.get(item.i)
            if number is not None and self.readings[number] is not None:
                referent = self.readings[number]
                if referent not in out:
                    out.append(referent)  # type: ignore[arg-type]
        return out

    # -- parts ---------------------------------------------------------------------------

    def resolve_part(self, part: Part, actor: bool) -> list[Referent]:
        """The referents of a Part (several for a coordination or a plural description)."""
        span = self.doc.char_span(part.span[0], part.span[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            raise ResolveError(
                f"part {part.text!r} at {list(part.span)} is outside the article text "
                f"({len(self.doc.text)} characters)"
            )
        span = clean_span(span)
        root = span.root
        inside = range(span.start, span.end)
        word = root.lower_
        if word in coref.FIRST_PERSON and len(span) == 1 and root.i in self.quoted:
            found = coref.speaker_antecedent(root.i, self._paragraph(root.i), self.history)
            return found or [self._concept(root, part.head)]
        if word in coref.PRONOUNS and len(span) == 1:
            found = self.pronouns.get(root.i)
            if found is None:
                found = self._pronoun(root)
            return found or [self._concept(root, part.head)]
        appositive = self._appositive_person(root, inside)
        if appositive is not None:
            return [appositive]
        if root.i in self.token_mention:
            mention = self.mentions[self.token_mention[root.i]]
            if mention.root not in inside:
                inner = self._unlabelled(span.text, actor and root.dep_ in SUBJECT_DEPS)
                if inner is not None:
                    return [inner]
            return self._named(root, inside, actor)
        unlabelled = self._unlabelled(span.text, actor and root.dep_ in SUBJECT_DEPS)
        if unlabelled is not None:
            return [unlabelled]
        modified = self._modified(root)
        if modified:
            return modified
        described = self._described(root)
        if described:
            return described
        return [self._concept(root, part.head)]

    def _pronoun(self, token: Token) -> list[Referent]:
        """Resolve a third-person pronoun, learning the gender of the person it names."""
        word = token.lower_
        if word in {"it", "its"} and not coref.referring_it(token):
            return []
        found = coref.pronoun_antecedents(
            word,
            token.i,
            self.sents[token.i],
            token.i in self.quoted,
            self.history,
            self.genders.get,
        )
        gender = coref.PRONOUNS[word][1]
        if gender and len(found) == 1 and found[0] not in self.genders:
            self.genders[found[0]] = gender
        return found

    def _paragraph(self, index: int) -> range:
        """Token indices of the paragraph holding token ``index``."""
        start = index
        while start > 0 and "\n" not in self.doc[start - 1].text_with_ws:
            start -= 1
        end = index
        while end < len(self.doc) - 1 and "\n" not in self.doc[end].text_with_ws:
            end += 1
        return range(start, end + 1)

    def _named(self, root: Token, inside: range, actor: bool) -> list[Referent]:
        out = []
        for token in (root, *(c for c in root.conjuncts if c.i in inside)):
            number = self.token_mention.get(token.i)
            if number is None:
                continue
            referent = self.readings[number]
            mention = self.mentions[number]
            if (
                actor
                and referent is not None
                and referent.type in {"City", "Location"}
                and token.dep_ in SUBJECT_DEPS
            ):
                referent = places.actor_reading(self.gaz, mention.text, mention.label) or referent
            if referent is not None and referent not in out:
                out.append(referent)
        return out or [self._concept(root)]

    def _unlabelled(self, text: str, actor: bool) -> Referent | None:
        """A name the tagger missed: a gazetteer entry or an alias seen in the article."""
        reading = (places.actor_reading if actor else places.name_reading)(self.gaz, text, "ORG")
        if reading is not None:
            return reading
        found = self.alias_index.get(linker.org_key(text), set())
        return next(iter(found)) if len(found) == 1 else None

    def _appositive_person(self, root: Token, inside: range) -> Referent | None:
        if root.i in self.token_mention:
            return None
        for child in root.children:
            if child.dep_ == "appos" and child.i in inside:
                number = self.token_mention.get(child.i)
                if number is not None and self.mentions[number].label == "PERSON":
                    return self.readings[number]
        return None

    def _modified(self, root: Token) -> list[Referent]:
        """Readings of a noun from its entity modifiers ("British officials")."""
        head = root.lemma_.casefold()
        out: list[Referent] = []
        for child in root.children:
            if child.dep_ not in MODIFIER_DEPS:
                continue
            for token in (child, *child.conjuncts):
                number = self.token_mention.get(token.i)
                if number is None:
                    continue
                referent = self.readings[number]
                reading = places.modified_reading(
                    self.gaz,
                    head,
                    referent,
                    self.nationality.get(referent),  # type: ignore[arg-type]
                )
                if reading is not None and reading not in out:
                    out.append(reading)
            if out:
                return out
        return out

    def _described(self, root: Token) -> list[Referent]:
        determiners = {c.lower_ for c in root.children if c.dep_ in {"det", "predet"}}
        number = None
        for child in root.children:
            if child.dep_ in {"nummod", "det", "predet"} and child.lower_ in coref.NUMBERS:
                number = coref.NUMBERS[child.lower_]
        if not determiners & {"the", "both", "this", "these", "that", "those"}:
            return []
        plural = root.tag_ in {"NNS", "NNPS"}
        if "both" in determiners:
            number = 2
        return coref.description_antecedents(
            root.lemma_.casefold(),
            number,
            plural,
            root.i,
            self.sents[root.i],
            self.history,
            lambda r: self.roles.get(r, set()),
        )

    def _concept(self, root: Token, head: str | None = None) -> Referent:
        """The Concept named by the head lemma ("hundreds of drones" → "drone")."""
        if head:
            return Referent(head, "Concept")
        if root.lemma_.casefold() in QUANTITY_HEADS:
            for child in root.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        root = objects[0]
        return Referent(root.lemma_.casefold() if root.pos_ != "PROPN" else root.text, "Concept")

    # -- relations -----------------------------------------------------------------------

    def fill(self, part: Part, referent: Referent) -> Part:
        """``part`` with entity, type and iri of ``referent`` (a Concept leaves them empty)."""
        if referent.type == "Concept" and not self._is_named_concept(referent):
            return replace(part, entity=None, type=None, iri=self._iri(referent.name, None))
        return replace(
            part,
            entity=referent.name,
            type=referent.type,
            iri=self._iri(referent.name, referent.type),
        )

    def _iri(self, name: str, type_: str | None) -> str:
        key = (name, type_)
        if key not in self._iris:
            self._iris[key] = entity_iri(name, type_, self.base)
        return self._iris[key]

    def _speaks_of_itself(self, relation: Relation, speakers: list[Referent]) -> bool:
        """Whether the relation's subject is a pronoun standing for the speaker of the same
        sentence, by the table ``SPEAKER_PRONOUNS``."""
        attribution = relation.attribution
        if len(speakers) != 1 or attribution is None:
            return False
        start, end = relation.sentence_span
        if not (start <= attribution.span[0] and attribution.span[1] <= end):
            return False
        types = SPEAKER_PRONOUNS.get(relation.subject.text.casefold())
        return types is not None and speakers[0].type in types

    def _is_named_concept(self, referent: Referent) -> bool:
        return referent in self.aliases

    def resolve(self, relations: Sequence[Relation]) -> tuple[list[Relation], list[Entity]]:
        out: list[Relation] = []
        used: list[Referent] = []
        concepts: dict[Referent, set[str]] = {}
        for relation in relations:
            slots: list[list[Part | None]] = []
            parts: list[Part | None] = [relation.subject, relation.object, *relation.arguments]
            parts.append(relation.attribution)
            speakers = (
                self.resolve_part(relation.attribution, True)[:MAX_SPLIT]
                if relation.attribution is not None
                else []
            )
            for index, part in enumerate(parts):
                if part is None:
                    slots.append([None])
                    continue
                actor = index == 0 or index == len(parts) - 1
                speaker_slot = index == len(parts) - 1
                if speaker_slot or (index == 0 and self._speaks_of_itself(relation, speakers)):
                    referents = speakers
                else:
                    referents = self.resolve_part(part, actor)[:MAX_SPLIT]
                filled = []
                for referent in referents:
                    used.append(referent)
                    if referent.type == "Concept" and referent not in self.aliases:
                        concepts.setdefault(referent, set())
                    filled.append(self.fill(part, referent))
                slots.append(filled)  # type: ignore[arg-type]
            for combo in itertools.product(*slots):
                subject, obj, *rest = combo
                *arguments, attribution = rest
                if _is_self_description(relation, subject, obj):
                    obj = self.fill(obj, Referent(obj.head or obj.text, "Concept"))
                out.append(
                    replace(
                        relation,
                        subject=subject,
                        object=obj,
                        arguments=tuple(arguments),
                        attribution=attribution,
                    )
                )
        aliases = {**concepts, **self.aliases}
        entities = linker.entities(used, aliases, self.base)
        return out, entities


def _is_self_description(relation: Relation, subject: Part | None, obj: Part | None) -> bool:
    """An identity or role statement whose object resolved to its own subject: "Barbara
    Woodward, the U.K. ambassador" is a role (a concept), not Woodward again."""
    return (
        relation.relation.lemma == "be"
        and subject is not None
        and obj is not None
        and obj.entity is not None
        and obj.entity == subject.entity
    )


def _strip_the(text: str) -> str:
    text = text.strip()
    return text[4:] if text[:4].casefold() == "the " else text


__all__ = ["ArticleResolver", "ResolveError"]
