"""Initial schema: resolutions, clauses, footnotes, reference entities, citations, IACG,
follow-ups."""

# Full-text search is backend-specific and written by hand at the end: a generated tsvector column
# with a GIN index on PostgreSQL, an FTS5 external-content table kept by triggers on SQLite.
#
# Revision ID: 0001
# Revises:
# Create Date: 2026-11-28 01:15:03.509259

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("acronym", sa.String(length=64), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["organizations.id"],
            name=op.f("fk_organizations_parent_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("key", name=op.f("uq_organizations_key")),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organizations_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=64), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("body", sa.String(length=64), nullable=False),
        sa.Column("session", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("plenary_meeting", sa.Integer(), nullable=True),
        sa.Column("agenda_item", sa.String(length=32), nullable=True),
        sa.Column("agenda_title", sa.Text(), nullable=True),
        sa.Column("committee", sa.Text(), nullable=True),
        sa.Column("committee_report", sa.String(length=64), nullable=True),
        sa.Column("series_key", sa.String(length=200), nullable=True),
        sa.Column("source_file", sa.String(length=500), nullable=False),
        sa.Column("source_format", sa.String(length=16), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolutions")),
        sa.UniqueConstraint("slug", name=op.f("uq_resolutions_slug")),
        sa.UniqueConstraint("symbol", name=op.f("uq_resolutions_symbol")),
    )
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.create_index("ix_resolutions_adopted_on_id", ["adopted_on", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_resolutions_series_key"), ["series_key"], unique=False)
        batch_op.create_index("ix_resolutions_session_number", ["session", "number"], unique=False)

    op.create_table(
        "treaties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("short_name", sa.String(length=200), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("treaty_series", sa.String(length=64), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["treaties.id"],
            name=op.f("fk_treaties_parent_id_treaties"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treaties")),
        sa.UniqueConstraint("key", name=op.f("uq_treaties_key")),
    )
    with op.batch_alter_table("treaties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treaties_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "clauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=16), nullable=True),
        sa.Column("lead", sa.String(length=120), nullable=True),
        sa.Column("verb", sa.String(length=120), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["clauses.id"],
            name=op.f("fk_clauses_parent_id_clauses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_clauses_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clauses")),
        sa.UniqueConstraint("resolution_id", "key", name=op.f("uq_clauses_resolution_id_key")),
    )
    with op.batch_alter_table("clauses", schema=None) as batch_op:
        batch_op.create_index("ix_clauses_kind", ["kind"], unique=False)
        batch_op.create_index("ix_clauses_lead", ["lead"], unique=False)
        batch_op.create_index(batch_op.f("ix_clauses_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(
            "ix_clauses_resolution_id_position", ["resolution_id", "position"], unique=False
        )
        batch_op.create_index("ix_clauses_verb", ["verb"], unique=False)

    op.create_table(
        "footnotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_footnotes_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_footnotes")),
        sa.UniqueConstraint(
            "resolution_id", "number", name=op.f("uq_footnotes_resolution_id_number")
        ),
    )
    op.create_table(
        "clause_footnotes",
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("footnote_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["clauses.id"],
            name=op.f("fk_clause_footnotes_clause_id_clauses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnotes.id"],
            name=op.f("fk_clause_footnotes_footnote_id_footnotes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("clause_id", "footnote_id", name=op.f("pk_clause_footnotes")),
    )
    with op.batch_alter_table("clause_footnotes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_clause_footnotes_footnote_id"), ["footnote_id"], unique=False
        )

    op.create_table(
        "document_citations",
        sa.Column("document_symbol", sa.String(length=128), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "clause_id IS NOT NULL OR footnote_id IS NOT NULL",
            name=op.f("ck_document_citations_anchored"),
        ),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["clauses.id"],
            name=op.f("fk_document_citations_clause_id_clauses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnotes.id"],
            name=op.f("fk_document_citations_footnote_id_footnotes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_document_citations_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_citations")),
    )
    with op.batch_alter_table("document_citations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_citations_clause_id"), ["clause_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_citations_document_symbol"), ["document_symbol"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_citations_footnote_id"), ["footnote_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_citations_resolution_id"), ["resolution_id"], unique=False
        )

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=True),
        sa.Column("target_session", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["clauses.id"],
            name=op.f("fk_follow_ups_clause_id_clauses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_follow_ups_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_clause_id"), ["clause_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_follow_ups_resolution_id"), ["resolution_id"], unique=False
        )
        batch_op.create_index(
            "ix_follow_ups_target_session_kind", ["target_session", "kind"], unique=False
        )

    op.create_table(
        "iacg_listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnotes.id"],
            name=op.f("fk_iacg_listings_footnote_id_footnotes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_iacg_listings_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_iacg_listings_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iacg_listings")),
        sa.UniqueConstraint(
            "resolution_id", "position", name=op.f("uq_iacg_listings_resolution_id_position")
        ),
    )
    with op.batch_alter_table("iacg_listings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_iacg_listings_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "organization_citations",
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "clause_id IS NOT NULL OR footnote_id IS NOT NULL",
            name=op.f("ck_organization_citations_anchored"),
        ),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["clauses.id"],
            name=op.f("fk_organization_citations_clause_id_clauses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnotes.id"],
            name=op.f("fk_organization_citations_footnote_id_footnotes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_citations_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_organization_citations_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_citations")),
    )
    with op.batch_alter_table("organization_citations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_citations_clause_id"), ["clause_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organization_citations_footnote_id"), ["footnote_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organization_citations_organization_id"),
            ["organization_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_organization_citations_resolution_id"), ["resolution_id"], unique=False
        )

    op.create_table(
        "resolution_citations",
        sa.Column("cited_symbol", sa.String(length=64), nullable=False),
        sa.Column("cited_adopted_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "clause_id IS NOT NULL OR footnote_id IS NOT NULL",
            name=op.f("ck_resolution_citations_anchored"),
        ),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["clauses.id"],
            name=op.f("fk_resolution_citations_clause_id_clauses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnotes.id"],
            name=op.f("fk_resolution_citations_footnote_id_footnotes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_resolution_citations_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_citations")),
    )
    with op.batch_alter_table("resolution_citations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resolution_citations_cited_symbol"), ["cited_symbol"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_resolution_citations_clause_id"), ["clause_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_resolution_citations_footnote_id"), ["footnote_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_resolution_citations_resolution_id"), ["resolution_id"], unique=False
        )

    op.create_table(
        "treaty_citations",
        sa.Column("treaty_id", sa.Integer(), nullable=True),
        sa.Column("treaty_series", sa.String(length=64), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "clause_id IS NOT NULL OR footnote_id IS NOT NULL",
            name=op.f("ck_treaty_citations_anchored"),
        ),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["clauses.id"],
            name=op.f("fk_treaty_citations_clause_id_clauses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnotes.id"],
            name=op.f("fk_treaty_citations_footnote_id_footnotes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_treaty_citations_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["treaty_id"],
            ["treaties.id"],
            name=op.f("fk_treaty_citations_treaty_id_treaties"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treaty_citations")),
    )
    with op.batch_alter_table("treaty_citations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_treaty_citations_clause_id"), ["clause_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_treaty_citations_footnote_id"), ["footnote_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_treaty_citations_resolution_id"), ["resolution_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_treaty_citations_treaty_id"), ["treaty_id"], unique=False
        )

    _create_search()


def downgrade() -> None:
    _drop_search()
    with op.batch_alter_table("treaty_citations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treaty_citations_treaty_id"))
        batch_op.drop_index(batch_op.f("ix_treaty_citations_resolution_id"))
        batch_op.drop_index(batch_op.f("ix_treaty_citations_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_treaty_citations_clause_id"))

    op.drop_table("treaty_citations")
    with op.batch_alter_table("resolution_citations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resolution_citations_resolution_id"))
        batch_op.drop_index(batch_op.f("ix_resolution_citations_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_resolution_citations_clause_id"))
        batch_op.drop_index(batch_op.f("ix_resolution_citations_cited_symbol"))

    op.drop_table("resolution_citations")
    with op.batch_alter_table("organization_citations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_citations_resolution_id"))
        batch_op.drop_index(batch_op.f("ix_organization_citations_organization_id"))
        batch_op.drop_index(batch_op.f("ix_organization_citations_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_organization_citations_clause_id"))

    op.drop_table("organization_citations")
    with op.batch_alter_table("iacg_listings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_iacg_listings_organization_id"))

    op.drop_table("iacg_listings")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_ups_target_session_kind")
        batch_op.drop_index(batch_op.f("ix_follow_ups_resolution_id"))
        batch_op.drop_index(batch_op.f("ix_follow_ups_clause_id"))

    op.drop_table("follow_ups")
    with op.batch_alter_table("document_citations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_citations_resolution_id"))
        batch_op.drop_index(batch_op.f("ix_document_citations_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_document_citations_document_symbol"))
        batch_op.drop_index(batch_op.f("ix_document_citations_clause_id"))

    op.drop_table("document_citations")
    with op.batch_alter_table("clause_footnotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clause_footnotes_footnote_id"))

    op.drop_table("clause_footnotes")
    op.drop_table("footnotes")
    with op.batch_alter_table("clauses", schema=None) as batch_op:
        batch_op.drop_index("ix_clauses_verb")
        batch_op.drop_index("ix_clauses_resolution_id_position")
        batch_op.drop_index(batch_op.f("ix_clauses_parent_id"))
        batch_op.drop_index("ix_clauses_lead")
        batch_op.drop_index("ix_clauses_kind")

    op.drop_table("clauses")
    with op.batch_alter_table("treaties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treaties_parent_id"))

    op.drop_table("treaties")
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.drop_index("ix_resolutions_session_number")
        batch_op.drop_index(batch_op.f("ix_resolutions_series_key"))
        batch_op.drop_index("ix_resolutions_adopted_on_id")

    op.drop_table("resolutions")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_parent_id"))

    op.drop_table("organizations")


def _create_search() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE clauses ADD COLUMN search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"
        )
        op.execute("CREATE INDEX ix_clauses_search_vector ON clauses USING gin (search_vector)")
        return
    op.execute(
        "CREATE VIRTUAL TABLE clauses_fts USING fts5("
        "text, content='clauses', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER clauses_fts_insert AFTER INSERT ON clauses BEGIN "
        "INSERT INTO clauses_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER clauses_fts_delete AFTER DELETE ON clauses BEGIN "
        "INSERT INTO clauses_fts(clauses_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER clauses_fts_update AFTER UPDATE OF text ON clauses BEGIN "
        "INSERT INTO clauses_fts(clauses_fts, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO clauses_fts(rowid, text) VALUES (new.id, new.text); END"
    )


def _drop_search() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_clauses_search_vector")
        op.execute("ALTER TABLE clauses DROP COLUMN IF EXISTS search_vector")
        return
    for trigger in ("clauses_fts_insert", "clauses_fts_delete", "clauses_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS clauses_fts")
