"""A checksum of every table of a database, to show that requests changed nothing."""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine, inspect


def database_checksum(engine: Engine) -> dict[str, str]:
    """Table name -> "rows:sha256" over every row of every table (FTS and Alembic's included),
    in an order that does not depend on the physical layout."""
    checksums: dict[str, str] = {}
    names = sorted(inspect(engine).get_table_names())
    assert "resolutions" in names
    with engine.connect() as connection:
        quote = engine.dialect.identifier_preparer.quote
        for name in names:
            result = connection.exec_driver_sql(f"SELECT * FROM {quote(name)}")
            rows = sorted(repr(tuple(row)) for row in result)
            digest = hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest()
            checksums[name] = f"{len(rows)}:{digest}"
    return checksums
