"""`eventwire eval`: score predictions against a gold file (events.md section 4)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import GoldFileError

LEVELS = ("type", "dyad", "dyad+agent", "cameo")
COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "GER": "DEU", "UK": "GBR", "UKG": "GBR"}
TEXT_STOPWORDS = {"the", "a", "an", "of", "and", "its", "his", "her", "their", "in", "on", "to", "s",
                  "'s"}


def _country(code: str | None) -> str:
    prefix = (code or "").upper()[:3]
    return COUNTRY_ALIASES.get(prefix, prefix)


def _agents(code: str | None) -> set[str]:
    rest = (code or "").upper()[3:]
    return {rest[i:i + 3] for i in range(0, len(rest) - 2, 3)}


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in TEXT_STOPWORDS}


def actor_matches(gold: dict, pred: dict, level: str) -> bool:
    if gold.get("code"):
        if not pred.get("code") or _country(pred["code"]) != _country(gold["code"]):
            return False
        wanted = _agents(gold["code"])
        return level != "dyad+agent" or not wanted or bool(wanted & _agents(pred["code"]))
    gold_words = _words(gold.get("text"))
    return any(_overlap(gold_words, _words(pred.get(surface))) for surface in ("text", "name"))


def _overlap(gold_words: set[str], pred_words: set[str]) -> bool:
    """At least half the words of the shorter side in common (the mention, or the name it refers to)."""
    if not gold_words or not pred_words:
        return False
    return len(gold_words & pred_words) >= max(1, min(len(gold_words), len(pred_words)) // 2)


def _side_matches(gold_side: list | None, pred_side: list | None, level: str) -> bool:
    if not gold_side:
        return True
    return any(actor_matches(g, p, level) for g in gold_side for p in pred_side or [])


def event_matches(gold: dict, pred: dict, level: str) -> bool:
    if pred.get("type") not in {gold["type"], *gold.get("alt_types", [])}:
        return False
    if level == "type":
        return True
    if not (_side_matches(gold.get("source"), pred.get("source"), level)
            and _side_matches(gold.get("target"), pred.get("target"), level)):
        return False
    if level == "cameo" and gold.get("cameo"):
        return str(pred.get("cameo") or "")[:2] == str(gold["cameo"])[:2]
    return True


def _distinct(events: Iterable[dict]) -> list[dict]:
    def side_key(side: list | None) -> tuple[str, ...]:
        return tuple(sorted((a.get("code") or a.get("text") or "") for a in side or []))

    seen, kept = set(), []
    for event in events:
        key = (event.get("type"), str(event.get("cameo", ""))[:2], side_key(event.get("source")),
               side_key(event.get("target")))
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _matching(gold: list[dict], pred: list[dict], level: str) -> dict[int, int]:
    """Maximum one-to-one matching by augmenting paths: {gold index: prediction index}."""
    options = [[j for j, p in enumerate(pred) if event_matches(g, p, level)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, visited: set[int]) -> bool:
        for j in options[i]:
            if j not in visited:
                visited.add(j)
                if j not in owner or augment(owner[j], visited):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _ratio(part: int, whole: int, digits: int = 4) -> float:
    return round(part / whole, digits) if whole else 0.0


def score(gold_docs: list[dict], predictions: dict[str, list[dict]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for level in LEVELS:
        matched = gold_total = predicted = 0
        per_type: dict[str, list[int]] = {}
        for doc in gold_docs:
            pred = _distinct(e for e in predictions.get(doc["id"], []) if e.get("type"))
            required = [e for e in doc["events"] if not e.get("optional")]
            optional = [e for e in doc["events"] if e.get("optional")]
            hits = _matching(required, pred, level)
            placed = _matching(required + optional, pred, level)
            matched += len(hits)
            gold_total += len(required)
            predicted += len(hits) + len(pred) - len(placed)
            for i, event in enumerate(required):
                counts = per_type.setdefault(event["type"], [0, 0])
                counts[0] += i in hits
                counts[1] += 1
        precision, recall = _ratio(matched, predicted, 12), _ratio(matched, gold_total, 12)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[level] = {"precision": round(precision, 4), "recall": round(recall, 4),
                         "f1": round(f1, 4), "matched": matched, "gold": gold_total,
                         "predicted": predicted}
        if level == "type":
            result["recall_by_type"] = {t: _ratio(c[0], c[1], 3) for t, c in sorted(per_type.items())}
        if level == "dyad":
            result["date"] = _date_accuracy(gold_docs, predictions)
    empty = [d for d in gold_docs if not d["events"]]
    if empty:
        flagged = sum(1 for d in empty if predictions.get(d["id"]))
        result["no_event_docs"] = {"docs": len(empty), "with_predictions": flagged,
                                   "false_alarm_rate": _ratio(flagged, len(empty))}
    missing = sum(1 for d in gold_docs if d["id"] not in predictions)
    result["docs"] = {"gold": len(gold_docs), "missing_in_output": missing}
    return result


def _date_accuracy(gold_docs: list[dict], predictions: dict[str, list[dict]]) -> dict[str, Any]:
    dated = correct = 0
    for doc in gold_docs:
        pred = [e for e in predictions.get(doc["id"], []) if e.get("type")]
        for event in doc["events"]:
            if event.get("optional") or not event.get("date"):
                continue
            matching = [p for p in pred if event_matches(event, p, "dyad")]
            if matching:
                dated += 1
                correct += any(str(p.get("date") or "")[:10] == event["date"] for p in matching)
    return {"dated_matches": dated, "accuracy": _ratio(correct, dated) if dated else None}


def _records(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) of a JSON Lines file; every problem is a GoldFileError naming the line."""
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise GoldFileError(f"{path}:{number}: not JSON ({error.msg})") from None
                if not isinstance(record, dict) or "id" not in record:
                    raise GoldFileError(f"{path}:{number}: a record needs an 'id'")
                yield number, record
    except FileNotFoundError:
        raise GoldFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise GoldFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise GoldFileError(f"{path}: cannot be read ({error.strerror or error})") from None


def read_gold(path: Path) -> list[dict]:
    docs = []
    for number, doc in _records(path):
        if not isinstance(doc.get("events"), list):
            raise GoldFileError(f"{path}:{number}: a gold record needs 'id' and a list of 'events'")
        if not all(isinstance(e, dict) and isinstance(e.get("type"), str) for e in doc["events"]):
            raise GoldFileError(f"{path}:{number}: every gold event needs a 'type'")
        doc["id"] = str(doc["id"])
        docs.append(doc)
    return docs


def read_predictions(path: Path) -> dict[str, list[dict]]:
    predictions: dict[str, list[dict]] = {}
    for number, record in _records(path):
        events = record.get("events") or []
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise GoldFileError(f"{path}:{number}: 'events' must be a list of objects")
        predictions.setdefault(str(record["id"]), []).extend(events)
    return predictions


def format_report(result: dict[str, Any]) -> str:
    lines = [f"{level:11s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
             f"(matched {r['matched']} / gold {r['gold']} / predicted {r['predicted']})"
             for level, r in ((lv, result[lv]) for lv in LEVELS)]
    lines.append("recall by type: " + ", ".join(f"{t} {v:.2f}" for t, v in
                                                 result["recall_by_type"].items()))
    if result["date"]["dated_matches"]:
        lines.append(f"event dates: {result['date']}")
    if "no_event_docs" in result:
        lines.append(f"no-event docs: {result['no_event_docs']}")
    lines.append(f"docs: {result['docs']}")
    return "\n".join(lines)
