"""The offline web page: Jinja templates (autoescaped) that load plain JS and CSS from /static; the
script reads the REST API and builds the DOM with text nodes only."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi import Path as UrlPart
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from ... import __version__
from ...errors import EventwireError
from . import reading

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
VIEWS = {"events": ("/", "Events"), "timeline": ("/timeline", "Timeline"), "dyads": ("/dyads", "Dyads"),
         "map": ("/map", "Map"), "code": ("/code", "Code an article")}

router = APIRouter(include_in_schema=False)


def _page(view: str, title: str, **context: object) -> HTMLResponse:
    template = TEMPLATES.get_template(f"{view}.html")
    return HTMLResponse(template.render(view=view, title=title, views=VIEWS, version=__version__,
                                        **context))


@router.get("/", response_class=HTMLResponse)
def events_page() -> HTMLResponse:
    return _page("events", "Events")


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page() -> HTMLResponse:
    return _page("timeline", "Timeline")


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page() -> HTMLResponse:
    return _page("dyads", "Dyads")


@router.get("/map", response_class=HTMLResponse)
def map_page() -> HTMLResponse:
    return _page("map", "Map")


@router.get("/code", response_class=HTMLResponse)
def code_page() -> HTMLResponse:
    return _page("code", "Code an article")


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Annotated[str, UrlPart(max_length=500)]) -> HTMLResponse:
    title = None
    if Path(request.app.state.store).exists():
        try:
            with reading.read_only(request.app.state.store) as store:
                title = reading.article_title(store, article_id)
        except EventwireError:
            title = None
    return _page("article", title or article_id, article_id=article_id, article_title=title)
