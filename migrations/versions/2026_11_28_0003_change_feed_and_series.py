"""The change feed's history of resolutions, and each resolution's predecessor in its series."""

# - `resolution_events`: one row per resolution created, updated or deleted by the ingest, written
#   in the same transaction as the change; no foreign key, since a deletion is reported after its
#   resolution is gone. Existing resolutions get a `created` event at their `created_at`, and an
#   `updated` one at their `updated_at` when that is later.
# - `resolutions.previous_symbol`: the resolution each one recalls as its predecessor in the series
#   (68/72 recalls 66/69), filled here from the stored documents with the rule of
#   app.services.series.recalled_predecessor as it stands at this revision (copied below: a
#   migration must not change when the application code does). Rows without a document get theirs,
#   and this value, at the next ingest.
#
# Revision ID: 0003
# Revises: 0002
# Create Date: 2026-11-28 03:00:00.000000

import json
import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resolution_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("symbol", sa.String(length=64), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "action IN ('created', 'updated', 'deleted')",
            name=op.f("ck_resolution_events_action"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_events")),
    )
    with op.batch_alter_table("resolution_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_resolution_events_occurred_at_id", ["occurred_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_resolution_events_symbol"), ["symbol"], unique=False)

    # A nullable column and an index: plain ALTER TABLE and CREATE INDEX, no table copy.
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_symbol", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_resolutions_previous_symbol"), ["previous_symbol"], unique=False
        )

    _backfill_events()
    _backfill_previous_symbols()


def downgrade() -> None:
    op.drop_index(op.f("ix_resolutions_previous_symbol"), table_name="resolutions")
    # Not batch mode on SQLite: its table copy drops `resolutions`, which cascades to every
    # child row (see 0002). SQLite 3.35+ drops a plain column in place.
    op.drop_column("resolutions", "previous_symbol")
    op.drop_table("resolution_events")


def _backfill_events() -> None:
    op.execute(
        "INSERT INTO resolution_events (action, symbol, slug, occurred_at) "
        "SELECT 'created', symbol, slug, created_at FROM resolutions ORDER BY created_at, id"
    )
    op.execute(
        "INSERT INTO resolution_events (action, symbol, slug, occurred_at) "
        "SELECT 'updated', symbol, slug, updated_at FROM resolutions "
        "WHERE updated_at > created_at ORDER BY updated_at, id"
    )


def _backfill_previous_symbols() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, document FROM resolutions WHERE document IS NOT NULL")
    ).all()
    update = sa.text("UPDATE resolutions SET previous_symbol = :symbol WHERE id = :id")
    for row in rows:
        document = row.document if isinstance(row.document, dict) else json.loads(row.document)
        symbol = _recalled_predecessor(document)
        if symbol is not None:
            connection.execute(update, {"symbol": symbol, "id": row.id})


# The rule at this revision (app.services.series.recalled_predecessor), frozen here.
_SYMBOL = re.compile(r"^(?P<prefix>[A-Z]+(?:/[A-Z]+)*/RES)/(?P<session>\d+)/(?P<number>\d+)")
_LEADS = ("recalling", "reaffirming")


def _recalled_predecessor(document: dict[str, Any]) -> str | None:
    preamble = document.get("preamble") or []
    own = _SYMBOL.match(document.get("symbol") or "")
    if not preamble or own is None:
        return None
    first = preamble[0]
    opening = (first.get("lead") or first.get("text") or "").lower()
    if not opening.startswith(_LEADS):
        return None
    best: tuple[int, int] | None = None
    found = None
    for entry in (document.get("references") or {}).get("resolutions") or []:
        match = _SYMBOL.match(entry.get("symbol") or "")
        if match is None or first.get("key") not in (entry.get("cited_in") or []):
            continue
        if match["prefix"] != own["prefix"] or int(match["session"]) >= int(own["session"]):
            continue
        order = (int(match["session"]), int(match["number"]))
        if best is None or order > best:
            best, found = order, entry["symbol"]
    return found
