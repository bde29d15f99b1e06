"""eventwire: political event data (who did what to whom, when and where) from news text."""

from .model import ActorRef, Article, CodedArticle, Event
from .pipeline import Pipeline, code_text

__all__ = ["ActorRef", "Article", "CodedArticle", "Event", "Pipeline", "code_text"]
__version__ = "0.1.0"
