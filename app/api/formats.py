"""Representations other than JSON: Akoma Ntoso XML, CSV and JSON Lines, and choosing by Accept."""

from __future__ import annotations

from fastapi.responses import Response, StreamingResponse

AKN_XML = "application/akn+xml"
JSON = "application/json"
CSV = "text/csv"


class AknXmlResponse(Response):
    media_type = AKN_XML


class JsonBytesResponse(Response):
    """JSON already serialised (e.g. by app.services.detail.dump_json)."""

    media_type = JSON


class CsvResponse(StreamingResponse):
    media_type = CSV


class JsonLinesResponse(StreamingResponse):
    media_type = "application/x-ndjson"


def prefers(accept: str | None, offered: str, default: str = JSON) -> bool:
    """Whether an `Accept` header ranks `offered` above `default` (RFC 9110 section 12.5.1).

    Each media type takes the quality of the most specific range that matches it; a tie, or no
    header, keeps the default. `application/akn+xml, application/json;q=0.5` prefers the XML;
    a browser's `text/html,...,*/*;q=0.8` does not.
    """
    if not accept:
        return False
    return _quality(accept, offered) > _quality(accept, default)


def _quality(accept: str, media_type: str) -> float:
    kind, _, _ = media_type.partition("/")
    best: tuple[int, float] = (-1, 0.0)
    for item in accept.split(","):
        name, *parameters = (part.strip() for part in item.split(";"))
        name = name.lower()
        if name == media_type:
            specificity = 2
        elif name == f"{kind}/*":
            specificity = 1
        elif name == "*/*":
            specificity = 0
        else:
            continue
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        best = max(best, (specificity, quality))
    return best[1]
