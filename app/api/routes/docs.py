"""`/docs` (Swagger UI) and `/redoc` (ReDoc) with their scripts and styles served from here."""

# FastAPI's pages load them from a CDN, so on an intranet or offline they are blank. The files come
# from the `fastapi-offline` package (pinned in pyproject.toml), which ships them. Both pages refuse
# to be framed by another site (clickjacking).

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from app.errors import NotFound

router = APIRouter(include_in_schema=False)

ASSETS = files("fastapi_offline") / "static"
_MEDIA_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
# Not frameable: the pages run scripts and send requests as whoever views them.
NO_FRAMING = {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"}
TITLE = "Mine Action Resolutions API"


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    root = _root(request)
    page = get_swagger_ui_html(
        openapi_url=f"{root}/openapi.json",
        title=f"{TITLE} - Swagger UI",
        swagger_js_url=f"{root}/docs/assets/swagger-ui-bundle.js",
        swagger_css_url=f"{root}/docs/assets/swagger-ui.css",
        swagger_favicon_url=f"{root}/docs/assets/favicon.png",
        # Swagger UI would otherwise send the document to an online validator for a badge.
        swagger_ui_parameters={"validatorUrl": None},
    )
    page.headers.update(NO_FRAMING)
    return page


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    root = _root(request)
    page = get_redoc_html(
        openapi_url=f"{root}/openapi.json",
        title=f"{TITLE} - ReDoc",
        redoc_js_url=f"{root}/docs/assets/redoc.standalone.js",
        redoc_favicon_url=f"{root}/docs/assets/favicon.png",
        with_google_fonts=False,
    )
    page.headers.update(NO_FRAMING)
    return page


@router.get("/docs/assets/{name}")
def asset(name: str) -> Response:
    """One of the pages' files, by a name from a fixed list (never a path on the disk)."""
    media_type = _MEDIA_TYPES.get(name)
    if media_type is None:
        raise NotFound(f"There is no documentation file {name!r}.")
    return Response((ASSETS / name).read_bytes(), media_type=media_type)
