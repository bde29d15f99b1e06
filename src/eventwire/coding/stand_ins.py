"""Stand-ins: phrases that stand as an event's side though they name no actor: an act judged ("condemned
the terrorist attack") and a weapon standing for its unnamed doer ("a car bomb in Baghdad")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import UNKNOWN_COUNTRY, ActorRef
from .phrases import COUNTRY_KINDS
from .resolvers import Phrase

if TYPE_CHECKING:
    from .actors import ArticleActors


def act_phrase(actors: ArticleActors, act: object, steps: list[str] | None) -> ActorRef:
    """An act standing as a side ("condemned the terrorist attack"): its phrase, with the country it names."""
    phrase = Phrase(actors, act, steps, None)
    countries = actors.countries_in(phrase.tokens, COUNTRY_KINDS - {"city"})
    return phrase.ref(countries[0] if countries else "", "the act itself, its doer unnamed", "unresolved")


def weapon_phrase(actors: ArticleActors, weapon: object, agent: str, home: str | None) -> ActorRef:
    """A weapon or attack standing for its unnamed doer ("a U.S. drone strike"): its phrase, coded with the
    country it names (else `home`) and its armed force ("military") or `agent`."""
    phrase = Phrase(actors, weapon, None, None)
    countries = actors.countries_in(phrase.tokens, COUNTRY_KINDS - {"city"})
    country = countries[0] if countries else home or UNKNOWN_COUNTRY
    return phrase.ref(country + (phrase.agent or agent), "implied", "context")
