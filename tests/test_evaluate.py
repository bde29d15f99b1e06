"""`eventwire eval` must give the reference scorer's numbers on the same predictions."""

import importlib.util
import json
import random

import pytest
from conftest import DEV_GOLD, SHARED, needs_shared

from eventwire.evaluate import read_gold, score


def _reference():
    path = needs_shared(SHARED / "tools" / "score.py")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _perturbed(gold, seed=3):
    """Predictions made from the gold with errors: dropped, retyped and re-actored events."""
    rng = random.Random(seed)
    types = ["AGREE", "ACCUSE", "PROTEST", "ASSAULT", "REQUEST"]
    preds = {}
    for doc in gold:
        events = []
        for event in doc["events"]:
            if rng.random() < 0.2:
                continue
            copy = json.loads(json.dumps(event))
            if rng.random() < 0.2:
                copy["type"] = rng.choice(types)
            if rng.random() < 0.2 and copy.get("source"):
                copy["source"] = [{"text": "someone", "code": "XYZGOV"}]
            events.append(copy)
        preds[doc["id"]] = events
    return preds


@pytest.mark.parametrize("name", ["seed.jsonl", "plover_gsr.jsonl", "ngec_synthetic.jsonl"])
def test_agrees_with_reference_scorer(name):
    reference = _reference()
    gold = read_gold(needs_shared(DEV_GOLD / name))
    predictions = _perturbed(gold)
    ours, theirs = score(gold, predictions), reference.score(gold, predictions)
    for level in ("type", "dyad", "dyad+agent", "cameo"):
        for key in ("precision", "recall", "f1", "matched", "gold", "predicted"):
            assert ours[level][key] == pytest.approx(theirs[level][key], abs=1e-4), (level, key)
    assert ours["recall_by_type"] == theirs["recall_by_type"]


def test_agrees_on_the_coders_own_output(pipeline):
    reference = _reference()
    gold = read_gold(needs_shared(DEV_GOLD / "seed.jsonl"))
    from eventwire.ingest import article_from_record
    results = pipeline.code_many(article_from_record(d, "gold", 1) for d in gold)
    predictions = {r.article.id: r.to_json()["events"] for r in results}
    assert score(gold, predictions)["dyad"] == reference.score(gold, predictions)["dyad"]
    assert score(gold, predictions)["dyad"]["f1"] >= 0.70


def _named_by_pronoun(gold, seed=5):
    """Predictions whose actors are pronouns carrying the gold mention as `name` (some with a wrong name)."""
    rng = random.Random(seed)
    preds = {}
    for doc in gold:
        events = []
        for event in doc["events"]:
            copy = json.loads(json.dumps(event))
            for side in ("source", "target"):
                named = rng.choice(["Harbour Relief Network", None]) if rng.random() < 0.3 else None
                copy[side] = [{"text": "it", "code": None, "name": named or a.get("text")}
                              for a in copy.get(side) or []]
            events.append(copy)
        preds[doc["id"]] = events
    return preds


def test_a_name_matches_like_the_mention_in_both_scorers():
    reference = _reference()
    gold = [{"id": "g1", "events": [{"type": "AID", "source": [{"text": "Harbour Relief Network"}],
                                     "target": [{"text": "flooded towns"}]}]}]
    named = {"g1": [{"type": "AID", "source": [{"text": "it", "name": "the Harbour Relief Network"}],
                     "target": [{"text": "the flooded towns", "name": None}]}]}
    unnamed = {"g1": [{"type": "AID", "source": [{"text": "it"}], "target": [{"text": "flooded towns"}]}]}
    assert score(gold, named)["dyad"]["matched"] == reference.score(gold, named)["dyad"]["matched"] == 1
    assert score(gold, unnamed)["dyad"]["matched"] == reference.score(gold, unnamed)["dyad"]["matched"] == 0


def test_agrees_with_reference_scorer_on_named_actors():
    reference = _reference()
    gold = read_gold(needs_shared(DEV_GOLD / "plv_train.jsonl"))
    predictions = _named_by_pronoun(gold)
    ours, theirs = score(gold, predictions), reference.score(gold, predictions)
    for level in ("type", "dyad", "dyad+agent", "cameo"):
        assert ours[level] == theirs[level], level
    assert 0 < ours["dyad"]["matched"] < ours["type"]["matched"]
