"""The web face: `eventwire serve`, the REST API under /v1 and the offline page at /."""

from .app import MAX_BODY, create_app, serve

__all__ = ["MAX_BODY", "create_app", "serve"]
