"""Indexes for a corpus the size of the General Assembly's record (25,000 resolutions)."""

# - `ix_resolutions_series_chronological` replaces `ix_resolutions_series_key`: a resolution's
#   previous and next member of its series are two short index ranges, however long the series.
# - `ix_resolutions_session_number_id` replaces `ix_resolutions_session_number`: the whole keyset
#   order of lists newest first (the id breaks ties between parts of one number).
# - `ix_clauses_verb_lower` and `ix_clauses_lead_lower` replace the plain `verb` and `lead` indexes,
#   which the filters (comparing lower-cased values) could not use. On PostgreSQL the column is
#   included, so that a filter's total is counted from the index alone.
#
# Revision ID: 0004
# Revises: 0003
# Create Date: 2026-11-28 05:00:00.000000

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_resolutions_series_key", table_name="resolutions")
    op.create_index(
        "ix_resolutions_series_chronological",
        "resolutions",
        ["series_key", "adopted_on", "session", "number", "id"],
    )
    op.drop_index("ix_resolutions_session_number", table_name="resolutions")
    op.create_index("ix_resolutions_session_number_id", "resolutions", ["session", "number", "id"])
    op.drop_index("ix_clauses_verb", table_name="clauses")
    op.drop_index("ix_clauses_lead", table_name="clauses")
    op.create_index(
        "ix_clauses_verb_lower",
        "clauses",
        [sa.text("lower(verb)")],
        postgresql_include=["verb"],
    )
    op.create_index(
        "ix_clauses_lead_lower",
        "clauses",
        [sa.text("lower(lead)")],
        postgresql_include=["lead"],
    )


def downgrade() -> None:
    op.drop_index("ix_clauses_lead_lower", table_name="clauses")
    op.drop_index("ix_clauses_verb_lower", table_name="clauses")
    op.create_index("ix_clauses_lead", "clauses", ["lead"])
    op.create_index("ix_clauses_verb", "clauses", ["verb"])
    op.drop_index("ix_resolutions_session_number_id", table_name="resolutions")
    op.create_index("ix_resolutions_session_number", "resolutions", ["session", "number"])
    op.drop_index("ix_resolutions_series_chronological", table_name="resolutions")
    op.create_index("ix_resolutions_series_key", "resolutions", ["series_key"])
