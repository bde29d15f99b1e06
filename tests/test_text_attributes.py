"""The indexed attribute_ruler matcher gives the annotations spaCy's own Matcher gives."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from eventwire.text.attributes import IndexedMatches, speed_up_attribute_ruler
from eventwire.text.nlp import load_model

SENTENCES = [
    "There were three soldiers at the gate when the convoy arrived.",  # "were" after an expletive
    "I told you it was over, but she didn't listen to me.",  # pronoun morphology by dependency
    "Y'all gon na see that it ain't finished, let's go.",  # rules over two tokens
    "The ministers have had enough and do what they promised.\n\n  Talks resume Monday.",  # spaces
    "Which of these do you want? That is the one the police seized.",  # determiners as pronouns
]


@pytest.fixture(scope="module")
def models() -> tuple[object, object]:
    plain, indexed = load_model(), load_model()
    assert speed_up_attribute_ruler(indexed)
    return plain, indexed


@pytest.mark.parametrize("text", SENTENCES)
def test_same_annotations_as_the_matcher(models, text):
    plain, indexed = models
    columns = [POS, TAG, MORPH, LEMMA, DEP]
    assert (plain(text).to_array(columns) == indexed(text).to_array(columns)).all()


@pytest.mark.parametrize("text", SENTENCES)
def test_same_matches_as_the_matcher(models, text):
    plain, _ = models
    ruler = plain.get_pipe("attribute_ruler")
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = plain(text)
    assert IndexedMatches(ruler)(doc) == ruler.match(doc)


def test_a_two_token_rule_sets_its_lemma(models):
    _, indexed = models
    lemmas = {token.lower_: token.lemma_ for token in indexed("We are gon na win this.")}
    assert (lemmas["gon"], lemmas["na"]) == ("go", "to")


def test_an_unknown_pattern_feature_leaves_the_ruler_alone():
    nlp = load_model()
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})
    assert not speed_up_attribute_ruler(nlp)
    assert "match" not in vars(ruler)
