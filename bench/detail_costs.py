"""What one detail request costs on one worker, part by part: the stored row read on the event
loop, the base filled in, compression, the ETag, against the live rendering.
`DATABASE_URL=... python -m bench.detail_costs` (a loaded, rendered database)."""

from __future__ import annotations

import asyncio
import sys
import timeit
import zlib
from collections.abc import Callable

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.api.render_cache.cache import gzip
from app.api.render_cache.stored import fill_base, rendered_from_row, stored_tag
from app.api.state import state_of
from app.config import Settings
from app.core.languages import LanguageChoice
from app.core.links import Links
from app.db.detail_reads import DetailRow, SqliteDetails, detail_reader
from app.db.models import StoredDetail
from app.db.session import build_engine
from app.main import create_app
from app.services.detail import resolution_json

BASE = "http://127.0.0.1:8000"
REQUESTS = 300


def microseconds(work: Callable[[], object], number: int = REQUESTS) -> float:
    """The best of five runs, per call."""
    return min(timeit.repeat(work, number=number, repeat=5)) / number * 1e6


def main() -> int:
    settings = Settings(rendered_cache_mb=0)
    engine = build_engine(settings, read_only=True)
    with Session(engine) as session:
        keys = session.execute(
            select(StoredDetail.slug, StoredDetail.language).order_by(
                StoredDetail.slug, StoredDetail.language
            )
        ).all()
        slug, language = keys[len(keys) // 2]
        choice = LanguageChoice((language,), strict=True)
        live = microseconds(lambda: resolution_json(session, slug, Links(BASE), choice), 50)
    engine.dispose()
    reader = detail_reader(settings)
    if not isinstance(reader, SqliteDetails):
        print("the parts are measured on SQLite (a file)", file=sys.stderr)
        return 2
    loop = asyncio.new_event_loop()
    row = loop.run_until_complete(reader.read(slug, (language,)))
    assert isinstance(row, DetailRow)
    body = fill_base(row.body, BASE)
    print(f"{slug} {language}: {len(body):,} bytes, {len(gzip(body)):,} gzipped (ISA-L 1)")
    parts = {
        "live rendering (queries + document + orjson)": live,
        "stored row read (SQLite, event loop)": microseconds(
            lambda: loop.run_until_complete(reader.read(slug, (language,)))
        ),
        "base filled in (bytes.replace)": microseconds(lambda: fill_base(row.body, BASE)),
        "gzip, ISA-L level 1": microseconds(lambda: gzip(body)),
        "gzip, zlib level 1": microseconds(lambda: _zlib(body)),
        "ETag (hash of hash, base, coding)": microseconds(
            lambda: stored_tag(row.content_hash, BASE, "isal1")
        ),
        "all of it but the read": microseconds(lambda: rendered_from_row(row, BASE, compress=True)),
    }
    app = create_app(settings)
    detail = f"/v1/resolutions/{slug}?lang={language}"
    for label, path, stored in (
        ("whole request, /healthz (the stack alone)", "/healthz", True),
        ("whole request, stored", detail, True),
        ("whole request, live", detail, False),
    ):
        parts[label] = loop.run_until_complete(_requests(app, path, stored))
    for label, value in parts.items():
        print(f"{label:48} {value:8.1f} µs")
    loop.run_until_complete(reader.close())
    return 0


def _zlib(body: bytes) -> bytes:
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    return compressor.compress(body) + compressor.flush()


async def _requests(app: object, path: str, stored: bool) -> float:
    """Per request through the whole middleware stack, in process (no network)."""
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with app.router.lifespan_context(app):  # type: ignore[attr-defined]
        database = state_of(app).database  # type: ignore[arg-type]
        if not stored:
            database.detail_reader = None
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            headers = {"Accept-Encoding": "gzip"}
            for _ in range(20):
                await client.get(path, headers=headers)
            best = float("inf")
            for _ in range(5):
                started = asyncio.get_running_loop().time()
                for _ in range(100):
                    response = await client.get(path, headers=headers)
                    assert response.status_code == 200
                best = min(best, (asyncio.get_running_loop().time() - started) / 100)
    return best * 1e6


if __name__ == "__main__":
    sys.exit(main())
