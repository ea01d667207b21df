"""Open IE output (SPEC section 3). Sentences marked [C] are from the CaRB development split
(Bhardwaj, Aggarwal and Mausam, EMNLP 2019; MIT licence)."""

from __future__ import annotations

import pytest

from graphbuild.extract.oie import oie_lines, oie_tuples
from graphbuild.nlp import pretokenized

SENTENCES = [
    # [C]
    "He served as the first Prime Minister of Australia and became a founding justice of the "
    "High Court of Australia .",
    # [C]
    "Graner handcuffed him to the bars of a cell window and left him there , feet dangling off "
    "the floor , for nearly five hours .",
    # [C], PTB brackets and quotes kept as tokens
    "It was a notable influence on John Buchan and Ken Follett , who described it as `` an "
    "open-air adventure thriller about two young men who stumble upon a German armada "
    "preparing to invade England . ''",
    "U.S. forces left Kabul in 2021 .",
]


@pytest.mark.parametrize(
    "sentence, relation, args",
    [
        (SENTENCES[0], "served as", ["He", "the first Prime Minister of Australia"]),
        (SENTENCES[0], "became", ["He", "a founding justice of the High Court of Australia"]),
        (SENTENCES[1], "handcuffed", ["Graner", "him"]),
        (SENTENCES[1], "handcuffed him to", ["Graner", "the bars of a cell window"]),
        (SENTENCES[1], "left", ["Graner", "him"]),
        (SENTENCES[3], "left", ["U.S. forces", "Kabul"]),
        (SENTENCES[3], "left Kabul in", ["U.S. forces", "2021"]),
    ],
)
def test_minimal_tuples(nlp, sentence, relation, args):
    tuples = [(rel, found) for _, rel, found in oie_tuples(pretokenized(nlp, sentence))]
    assert (relation, args) in tuples


def test_readings_are_ranked_long_then_object_then_prepositional(nlp):
    tuples = list(oie_tuples(pretokenized(nlp, SENTENCES[1])))
    confidence = {(rel, *args): conf for conf, rel, args in tuples}
    long = confidence[("handcuffed", "Graner", "him", "to the bars of a cell window")]
    minimal = confidence[("handcuffed", "Graner", "him")]
    prep = confidence[("handcuffed him to", "Graner", "the bars of a cell window")]
    assert long > minimal > prep


@pytest.mark.parametrize(
    "sentence, relation, args",
    [
        # [C] a phrase written before the verb goes after the ones that follow it
        (
            "In 1891 , the academy moved to the German-English Academy Building in downtown "
            "Milwaukee .",
            "moved to",
            ["the academy", "the German-English Academy Building in downtown Milwaukee", "In 1891"],
        ),
        # [C] "by doing ..." is an argument of the long reading
        (
            "Dripping can be clarified by adding a sliced raw potato .",
            "can be clarified by",
            ["Dripping", "adding a sliced raw potato"],
        ),
    ],
)
def test_long_reading(nlp, sentence, relation, args):
    tuples = [(rel, found) for _, rel, found in oie_tuples(pretokenized(nlp, sentence))]
    assert (relation, args) in tuples, tuples


def test_lines_keep_sentence_verbatim_and_use_its_tokens(nlp):
    lines = list(oie_lines(nlp, [s + "\n" for s in SENTENCES], pretokenized=True))
    assert lines
    for line in lines:
        sentence, confidence, relation, *args = line.split("\t")
        assert sentence in SENTENCES
        assert 0.0 < float(confidence) < 1.0
        tokens = set(sentence.split())
        for slot in [relation, *args]:
            assert slot.strip()
            assert set(slot.split()) <= tokens, (slot, sentence)
        assert args


def test_pretokenized_keeps_tokens(nlp):
    lines = list(oie_lines(nlp, [SENTENCES[3]], pretokenized=True))
    assert any("\tU.S. forces\t" in line for line in lines)


def test_blank_lines_and_headings_print_nothing(nlp):
    lines = ["", "   \n", "World\n", "Related Articles\n", "Back to top button\n"]
    assert list(oie_lines(nlp, lines)) == []
    assert list(oie_lines(nlp, lines, pretokenized=True)) == []


def test_plain_text_mode_and_small_batches(nlp):
    text = ["Iran supplied drones to Russia.\n", "\n", "Russia invaded Ukraine in February.\n"]
    lines = list(oie_lines(nlp, text, batch_size=1))
    assert {line.split("\t")[0] for line in lines} == {t.strip() for t in text if t.strip()}
    relations = {tuple(line.split("\t")[2:]) for line in lines}
    assert ("supplied", "Iran", "drones") in relations
    assert ("supplied drones to", "Iran", "Russia") in relations
    assert ("invaded Ukraine in", "Russia", "February") in relations


def test_confidences_are_graded(nlp):
    lines = list(oie_lines(nlp, SENTENCES, pretokenized=True))
    assert len({line.split("\t")[1] for line in lines}) > 3
