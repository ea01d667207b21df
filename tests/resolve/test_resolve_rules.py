"""One row per resolution rule, on short news-style texts parsed with the trained pipeline."""

from __future__ import annotations

import pytest
from resolve_helpers import part_of, relation_with

from graphbuild.nlp import parse_text
from graphbuild.resolve import resolve

CASES = [
    # names: full name, surname, title + surname, initials, possessive
    ("John Kirby spoke on Friday. Kirby said talks continue.", "Kirby", 1, "John Kirby"),
    (
        "Margaret Thatcher won the vote. Mrs Thatcher said it was a victory.",
        "Mrs Thatcher",
        0,
        "Margaret Thatcher",
    ),
    (
        "Huw Evans led the study in Cardiff. Dr Evans said the results were clear.",
        "Dr Evans",
        0,
        "Huw Evans",
    ),
    (
        # two people share the surname: the one mentioned throughout, not the latest named
        "Joe Biden leads the polls. Biden spoke in Ohio on Monday. Biden said jobs matter. "
        "Reporters asked about Hunter Biden on Tuesday. Later, President Biden said he was "
        "confident.",
        "President Biden",
        0,
        "Joe Biden",
    ),
    (
        # the tagger labels the full name ORG and misses the titled surname entirely
        "Wikinews caught up with Dr Christian Keysers and Dr Valeria Gazzola. The rats pressed "
        "the lever. Dr Gazzola called it a tipping point.",
        "Dr Gazzola",
        0,
        "Valeria Gazzola",
    ),
    (
        # a singular description with a name in apposition after it is that person
        "One of the four candidates, Craig Farquharson, is running for the Liberal Democrats.",
        "One of the four candidates",
        0,
        "Craig Farquharson",
    ),
    (
        "Vladimir Putin met the delegation. President Putin said the meeting went well.",
        "President Putin",
        0,
        "Vladimir Putin",
    ),
    (
        "John Kirby spoke on Friday. Later, J. Kirby repeated the warning.",
        "J. Kirby",
        0,
        "John Kirby",
    ),
    ("John Kirby spoke on Friday. Kirby's remarks drew criticism.", "Kirby's", 0, "John Kirby"),
    (
        "Prime Minister Boris Johnson met Jeremy Corbyn. Mr Johnson said no deal was possible.",
        "Mr Johnson",
        0,
        "Boris Johnson",
    ),
    (
        "Hillary Clinton and Bill Clinton arrived in Iowa. Mrs Clinton spoke first.",
        "Mrs Clinton",
        0,
        "Hillary Clinton",
    ),
    # names the tagger swallowed into a title or a place, cut at a hyphen, or missed
    (
        "On Monday, United States Senator from Vermont Bernie Sanders endorsed former Vice "
        "President Joe Biden. The move came after Sanders ended his bid.",
        "Sanders",
        1,
        "Bernie Sanders",
    ),
    (
        "Early yesterday, United States Representative Elijah Cummings died in hospice care. "
        "Cummings was 68.",
        "Cummings",
        1,
        "Elijah Cummings",
    ),
    (
        "A coup placed incumbent Prayuth Chan-o-cha in office. The party did not say whom it "
        "would support against Chan-o-cha.",
        "Chan-o-cha",
        1,
        "Prayuth Chan-o-cha",
    ),
    (
        "Officially, Princess Ubolratana no longer holds a royal title.",
        "Princess Ubolratana",
        0,
        "Ubolratana",
    ),
    (
        "Two women met officers Antoine Quirin and Nicolas Redouane at an Irish pub. Quirin "
        "denied any sexual activity.",
        "Quirin",
        1,
        "Antoine Quirin",
    ),
    (
        "Emily Spanton met the officers. The court has found that Mme Spanton did not lie.",
        "Mme Spanton",
        0,
        "Emily Spanton",
    ),
    (
        "Speaking to newspaper Star of Mysore, B Shiva Parvathi said, \u201cIt is a proud moment "
        "for me.\u201d",
        "me",
        1,
        "B Shiva Parvathi",
    ),
    # headline and byline fragments: a spaced dash joins two things, not one name
    (
        "Coach Clive Griffiths - Wales defence coach - said the team was ready.",
        "Clive Griffiths - Wales",
        0,
        "Clive Griffiths",
    ),
    (
        "Tesco sold its chain to Salling Group (Tesco — Netto Poland).",
        "Netto Poland",
        0,
        "Netto Poland",
    ),
    # a gazetteer name wins over the pieces the tagger cut out of it
    (
        "The Islamic State of Iraq and the Levant, which is linked to the Abu Sayyaf Group, "
        "claimed responsibility.",
        "the Levant",
        0,
        "Islamic State of Iraq and the Levant",
    ),
    # a description that names its own referent
    (
        "Navalny fell ill on a flight. He was taken to a hospital in the city of Omsk.",
        "the city of Omsk",
        0,
        "Omsk",
    ),
    # an acronym is no pronoun
    ("Trump said he was killed in a US counter-terrorism operation.", "US", 0, "United States"),
    # a name shared by institutions of many countries takes the article's country
    (
        "Canada held a general election on Monday. Voters across Canada went to the polls. "
        "The House of Commons includes 338 seats.",
        "The House of Commons",
        0,
        "House of Commons of Canada",
    ),
    (
        "Voters across Canada went to the polls. Canada's House of Commons includes 338 seats.",
        "House of Commons",
        0,
        "House of Commons of Canada",
    ),
    # a shorter form joins the one fuller name that ends with it
    (
        "The Senate Intelligence Committee met on Monday. The Committee approved the report.",
        "The Committee",
        0,
        "Senate Intelligence Committee",
    ),
    (
        "The new Boeing 737 Max was not airworthy. Investigators said a new feature on the 737 "
        "Max was forcing the nose down.",
        "the 737 Max",
        0,
        "Boeing 737 Max",
    ),
    # the auxiliary opening a question is no part of the name
    (
        "Will Rocky Linux be the same as CentOS in functionality? Kurtzer said Rocky Linux was "
        "named after Rocky McGaugh.",
        "Rocky Linux",
        0,
        "Rocky Linux",
    ),
    # a word capitalized only because it starts the sentence is no part of the name
    (
        "Lead Paul Sun-Hyung Lee talked about the series. The lead actors were praised.",
        "Lead Paul Sun-Hyung Lee",
        0,
        "Paul Sun-Hyung Lee",
    ),
    # an acronym with "&" abbreviates the name before its legal suffix
    (
        "United States public utility Pacific Gas and Electric Company (PG&E) began turning off "
        "electricity. PG&E stated it scheduled the blackouts.",
        "PG&E",
        1,
        "Pacific Gas and Electric Company",
    ),
    # a storm is one storm, hurricane or not, even when the tagger missed its name
    (
        'Hurricane Lorenzo hit the Azores. "Storm Lorenzo will produce significant swell," '
        "read the warning.",
        "Storm Lorenzo",
        0,
        "Hurricane Lorenzo",
    ),
    (
        "Hurricane Dorian hit the Bahamas. The National Hurricane Center said Dorian had been "
        "downgraded.",
        "Dorian",
        1,
        "Hurricane Dorian",
    ),
    # first person inside a quotation: its speaker, or the organization they speak for
    ('A farmer, Ram Singh, told reporters, "We have lost everything."', "We", 0, "Ram Singh"),
    (
        'Sheldon Yett of UNICEF said, "We have vaccinated thousands of children."',
        "We",
        0,
        "UNICEF",
    ),
    (
        'Thames Valley Police said: "We are continuing to investigate."',
        "We",
        0,
        "Thames Valley Police",
    ),
    ('"He is no longer with us," Gregory Kurtzer said.', "us", 0, "Gregory Kurtzer"),
    # a third-person pronoun in a quotation is not its speaker
    (
        '"The court has found that Emily Spanton did not lie. She was portrayed as a liar," '
        "said Sophie Obadia.",
        "She",
        0,
        "Emily Spanton",
    ),
    # a role is no subject: "he" is the actor, not the character he plays
    (
        "The film premiered on Friday. Tony Mendez is played by Ben Affleck, who also directed "
        "it. He said the role was difficult.",
        "He",
        0,
        "Ben Affleck",
    ),
    # "they": a collective subject, a coordination
    (
        "Yesterday, Thames Valley Police said they had arrested a second man.",
        "they",
        0,
        "Thames Valley Police",
    ),
    ("Iran and Russia signed a deal. They will share costs.", "They", 0, "Iran"),
    pytest.param(
        "Xi Jinping visited Moscow on Monday. Xi said ties were strong.",
        "Xi",
        1,
        "Xi Jinping",
        marks=pytest.mark.xfail(
            reason="the small English pipeline does not tag 'Xi Jinping' as an entity", strict=True
        ),
    ),
    # countries, short forms, demonyms, metonyms
    ("The U.S. and Britain signed the deal.", "U.S.", 0, "United States"),
    ("America imposed sanctions on Monday.", "America", 0, "United States"),
    ("Britain imposed sanctions on Monday.", "Britain", 0, "United Kingdom"),
    ("Iranian officials denied the report.", "Iranian officials", 0, "Iran"),
    (
        "Downing Street said the talks would resume.",
        "Downing Street",
        0,
        "Government of the United Kingdom",
    ),
    (
        "The White House said the talks would resume.",
        "The White House",
        0,
        "Government of the United States",
    ),
    ("Tehran denied the report on Monday.", "Tehran", 0, "Government of Iran"),
    ("Beijing rejected the accusation.", "Beijing", 0, "Government of China"),
    ("The Pentagon announced new aid.", "The Pentagon", 0, "United States Department of Defense"),
    ("The French government raised taxes.", "The French government", 0, "Government of France"),
    ("Russia's government rejected the plan.", "Russia's government", 0, "Government of Russia"),
    (
        "Philippine President Rodrigo Duterte spoke. The Duterte administration denied it.",
        "The Duterte administration",
        0,
        "Government of the Philippines",
    ),
    (
        "British Prime Minister Boris Johnson arrived. The Johnson government fell.",
        "The Johnson government",
        0,
        "Government of the United Kingdom",
    ),
    (
        "The Trump administration denied it.",
        "The Trump administration",
        0,
        "Government of the United States",
    ),
    # organizations: gazetteer, acronyms, legal suffixes; titles inside names are not people
    ("General Motors cut 1,000 jobs.", "General Motors", 0, "General Motors"),
    ("The Home Office denied it.", "The Home Office", 0, "Home Office"),
    (
        "George Washington University closed.",
        "George Washington University",
        0,
        "George Washington University",
    ),
    (
        "The International Monetary Fund cut its forecast.",
        "The International Monetary Fund",
        0,
        "International Monetary Fund",
    ),
    ("The IMF cut its forecast.", "The IMF", 0, "International Monetary Fund"),
    (
        "The National Security Council met. The NSC said it was concerned.",
        "The NSC",
        0,
        "National Security Council",
    ),
    ("Acme Corp. reported a loss. Acme said sales fell.", "Acme", 1, "Acme Corp."),
    # pronouns and descriptions
    (
        "\u201cI will not resign,\u201d said Jane Doe, the party leader.",
        "I",
        0,
        "Jane Doe",
    ),
    ("John Smith met Mary Jones in Paris. He said the talks were useful.", "He", 0, "John Smith"),
    (
        "John Smith met Mary Jones in Paris. Later she said the talks were useful.",
        "she",
        0,
        "Mary Jones",
    ),
    ("Hatice Cengiz met Omar Farouk. She said he had left.", "he", 0, "Omar Farouk"),
    ("Microsoft cut 1,000 jobs on Tuesday. It said demand had fallen.", "It", 0, "Microsoft"),
    (
        "Toyota reported record sales. The company said demand was strong.",
        "The company",
        0,
        "Toyota",
    ),
    (
        "Officials in Canada met on Monday. The country will hold elections.",
        "The country",
        0,
        "Canada",
    ),
    (
        "France and Germany signed the treaty. Both countries will share costs.",
        "Both countries",
        0,
        "France",
    ),
]


TYPED = [
    # what the tagger calls a person, and is not
    (
        "The new Boeing 737 Max was not airworthy.",
        "The new Boeing 737 Max",
        "Boeing 737 Max",
        "Product",
    ),
    (
        "Ford started its investigation by hiring law firm Sidley Austin.",
        "law firm Sidley Austin",
        "Sidley Austin",
        "Organization",
    ),
    (
        "The Tambor-class submarine U.S.S. Grayback encountered a Japanese bomber.",
        "U.S.S. Grayback",
        "U.S.S. Grayback",
        "Product",
    ),
    (
        "At least 55,000 deaths were linked to COVID-19 in the United States.",
        "COVID-19",
        "COVID-19",
        "Concept",
    ),
    (
        "The loss of Hamza bin Ladin deprives al-Qa’ida of important leadership skills.",
        "al-Qa’ida",
        "al-Qaeda",
        "Organization",
    ),
    ("Biden praised the endorsement on Twitter.", "Twitter", "Twitter", "Organization"),
    (
        "Today, as Hurricane Lorenzo hit the Azores, Ireland issued alerts.",
        "the Azores",
        "Azores",
        "Location",
    ),
    (
        "The warning applied to County Galway, County Kerry and County Limerick.",
        "County Limerick",
        "County Limerick",
        "Location",
    ),
    # a standard is a concept, never an organization
    (
        "Does YouTube implement DRM for videos not under a Creative Commons license?",
        "DRM",
        "digital rights management",
        "Concept",
    ),
    # ... and a person the tagger calls an organization
    (
        "Prosecutor Kama Melly QC said the victims were vulnerable.",
        "Prosecutor Kama Melly QC",
        "Kama Melly",
        "Person",
    ),
]


@pytest.mark.parametrize("text, phrase, entity, type_", TYPED)
def test_rule_type(nlp, text, phrase, entity, type_) -> None:
    doc = parse_text(nlp, text)
    relations, _ = resolve(doc, [relation_with(text, part_of(text, phrase))])
    assert (relations[0].subject.entity, relations[0].subject.type) == (entity, type_)


@pytest.mark.parametrize("text, phrase, nth, entity", CASES)
def test_rule(nlp, text, phrase, nth, entity) -> None:
    doc = parse_text(nlp, text)
    relations, _ = resolve(doc, [relation_with(text, part_of(text, phrase, nth))])
    assert relations[0].subject.entity == entity


@pytest.mark.parametrize(
    "text, phrase",
    [
        # a nationality on a person's role is not the country
        ("The Iranian foreign minister denied the report.", "The Iranian foreign minister"),
        # two companies: "the company" has no single antecedent
        ("Toyota and Honda reported sales. The company said demand was strong.", "The company"),
        # a dummy "it"
        ("Acme Corp. opened a plant. It took five hours to reach the site.", "It"),
        # no compatible antecedent for "she"
        ("John Smith met Peter Jones. Later she said the talks were useful.", "she"),
        # a nearer common noun subject is the antecedent, and names no entity
        (
            "Judge Durham Hall said the men showed no respect. One of the victims decided to "
            "speak. She said she wanted to help others.",
            "She",
        ),
        ("Microsoft met the protesters. The protesters said they would return.", "they"),
        # a plural description with names listed after it is none of them alone
        (
            "Three candidates, Ann Lee, Bob Stone and Carl Moss, spoke on Monday.",
            "Three candidates",
        ),
        ("Iran sent the drones in May. The shipment arrived late, and it was damaged.", "it"),
        # a description that introduces someone else: a compound, a complement
        (
            "Iran mourned the general Qasem Soleimani. The prosecutor general said the 36 "
            "must face charges.",
            "The prosecutor general",
        ),
        # a generic word alone names no one organization
        ("The Committee approved the report on Monday.", "The Committee"),
        # an adjective standing for a noun left out is not the country
        ("Tesco sold its roughly 2000 Thai and 74 Malaysian stores.", "its roughly 2000 Thai"),
        # a speaker the article does not name
        ('"We will win," one resident said.', "We"),
        # "we" outside quotation marks
        ("We spoke to the minister on Monday.", "We"),
        # a lower-case word the tagger took for a place, a word of another script
        ("These orcas, she suggested, specialize in hunting sharks.", "These orcas"),
        (
            "Russian: Свою победу я дарю маме.",
            "Свою",
        ),
    ],
)
def test_no_entity(nlp, text, phrase) -> None:
    doc = parse_text(nlp, text)
    relations, _ = resolve(doc, [relation_with(text, part_of(text, phrase))])
    assert relations[0].subject.entity is None
    assert relations[0].subject.iri is not None


def test_different_people_sharing_a_surname_stay_apart(nlp) -> None:
    text = "Joe Biden praised Hunter Biden on Monday. Hunter Biden thanked him."
    doc = parse_text(nlp, text)
    parts = [part_of(text, "Joe Biden"), part_of(text, "Hunter Biden", 1)]
    relations, _ = resolve(doc, [relation_with(text, p) for p in parts])
    assert [r.subject.entity for r in relations] == ["Joe Biden", "Hunter Biden"]


def test_canonical_names_agree_across_articles(nlp) -> None:
    first = "The U.K. expelled two diplomats."
    second = "Britain expelled two diplomats."
    names = []
    for text, phrase in [(first, "The U.K."), (second, "Britain")]:
        doc = parse_text(nlp, text)
        [relation], [entity] = resolve(doc, [relation_with(text, part_of(text, phrase))])
        names.append((relation.subject.iri, entity.wikidata))
    assert names[0] == names[1]
    assert names[0][1] == "Q145"


def test_an_interview_answer_is_its_interviewees(nlp) -> None:
    """In a transcript, "I" in an answer opened by "((Name))" is that person."""
    from graphbuild.extract import extract

    text = (
        "((WN))  How did you start?\n\n\n((Aparna Garg))  I joined the railway in 1999, and "
        "we have lined up one activity each day."
    )
    doc = parse_text(nlp, text)
    relations, _ = resolve(doc, list(extract(doc, "t")))
    joined = next(r for r in relations if r.relation.lemma == "join")
    assert joined.subject.entity == "Aparna Garg"
    assert joined.attribution is not None and joined.attribution.entity == "Aparna Garg"
