"""Event records in the PLOVER manual's JSON fields (PLOVER manual 2021, chapter "Data Fields"):
`id`, `date`, `actor`, `recipient`, `event`, `mode`, `context`, `event_loc`, `event_text`, `quad_code`,
`event_scale`, `text_info`, `cite_info`, `coder`, `coded_date`, `coded_time`, `comment`, and the size
object's `dead`, `injured`, `arrested`."""

from __future__ import annotations

from typing import Any

from .gazetteer import gazetteer

CODEBOOK = "PLOVER 2021 (CAMEO 1.1b3 codes in comment)"
_RESOLUTION = {"country": 1, "admin1": 2, "city": 4}
_FEATURE = {"country": ("A", "PCLI"), "admin1": ("A", "ADM1"), "city": ("P", "PPL")}


def plover_events(record: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The PLOVER records of one eventwire document record (and the document's text)."""
    citation = record.get("citation") or {}
    coded_at = citation.get("coded_at") or ""
    coder = f"eventwire {citation.get('eventwire_version', '')}".strip()
    cite_info = {"corpus": citation.get("outlet"), "citation": record["id"], "url": citation.get("url"),
                 "title": citation.get("title"), "language": citation.get("language"),
                 "publication": citation.get("outlet"), "coder": coder, "codebook": CODEBOOK}
    return [{
        "id": event.get("id"), "has_event": True, "date": event.get("date"),
        "actor": [_entity(a) for a in event["source"]],
        "recipient": [_entity(a) for a in event["target"]],
        "event": [event["type"]], "mode": [event["mode"]] if event.get("mode") else [],
        "context": event.get("contexts") or [], "event_loc": _location(event.get("location")),
        "event_text": [text[event["start"]:event["end"]]], "quad_code": event.get("quad_class"),
        "event_scale": event.get("goldstein"),
        "text_info": {"sequence": event["sentence"], "start": event["start"], "end": event["end"]},
        "cite_info": cite_info, "coder": coder, "coded_date": coded_at[:10] or None,
        "coded_time": coded_at[11:] or None,
        "dead": event.get("dead"), "injured": event.get("injured"), "arrested": event.get("arrested"),
        "comment": f"CAMEO {event['cameo']}; certainty {event.get('certainty')}",
    } for event in record.get("events", [])]


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    code = actor.get("code") or ""
    sectors = [code[i:i + 3] for i in range(3, len(code), 3)]
    return {"code": code[:3] or None, "sector": sectors[0] if sectors else None,
            "entity_text": actor.get("text"), "identifier_text": actor.get("name")}


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    feature = place["feature"]
    country = gazetteer().countries.get(place.get("country") or "")
    state = gazetteer().us_states.get(place.get("admin1") or "") if place.get("country") == "USA" else None
    feature_class, feature_code = _FEATURE[feature]
    return {"extracted_place": place.get("text"), "resolved_place": place["name"],
            "geonameid": place.get("geonames_id"), "lat": place.get("lat"), "lon": place.get("lon"),
            "city": place["name"] if feature == "city" else None,
            "province": state or (place["name"] if feature == "admin1" else None),
            "country": country.name if country else None, "country_code": place.get("country"),
            "feature_class": feature_class, "feature_code": feature_code,
            "resolution": _RESOLUTION[feature]}
