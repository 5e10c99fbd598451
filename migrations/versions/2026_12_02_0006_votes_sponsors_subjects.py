"""Member States, recorded votes, sponsors and subjects: the official record of each resolution."""

# The adoption (recorded vote or without a vote) and the counts as the record states them go on
# `resolutions`; the States of each column, the sponsors and the UNBIS subjects in tables.
#
# Revision ID: 0006
# Revises: 0005
# Create Date: 2026-12-02 15:36:47.643771

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("vote_name", sa.Text(), nullable=False),
        sa.Column("iso3", sa.String(length=3), nullable=False),
        sa.Column("unterm", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_states")),
        sa.UniqueConstraint("key", name=op.f("uq_member_states_key")),
        sa.UniqueConstraint("unterm", name=op.f("uq_member_states_unterm")),
    )
    op.create_table(
        "subjects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("uri", sa.String(length=200), nullable=True),
        sa.Column("vocabulary", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subjects")),
        sa.UniqueConstraint("key", name=op.f("uq_subjects_key")),
        sa.UniqueConstraint("uri", name=op.f("uq_subjects_uri")),
    )
    op.create_table(
        "resolution_subjects",
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_resolution_subjects_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_resolution_subjects_subject_id_subjects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("resolution_id", "subject_id", name=op.f("pk_resolution_subjects")),
    )
    with op.batch_alter_table("resolution_subjects", schema=None) as batch_op:
        batch_op.create_index(
            "ix_resolution_subjects_subject_id_resolution_id",
            ["subject_id", "resolution_id"],
            unique=False,
        )

    op.create_table(
        "sponsorships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("member_state_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("on_behalf_of", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_state_id"],
            ["member_states.id"],
            name=op.f("fk_sponsorships_member_state_id_member_states"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_sponsorships_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sponsorships")),
        sa.UniqueConstraint(
            "resolution_id", "position", name=op.f("uq_sponsorships_resolution_id_position")
        ),
    )
    with op.batch_alter_table("sponsorships", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sponsorships_member_state_id_resolution_id",
            ["member_state_id", "resolution_id"],
            unique=False,
        )

    op.create_table(
        "votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("member_state_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("vote", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_state_id"],
            ["member_states.id"],
            name=op.f("fk_votes_member_state_id_member_states"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_votes_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votes")),
        sa.UniqueConstraint(
            "resolution_id", "position", name=op.f("uq_votes_resolution_id_position")
        ),
    )
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_votes_member_state_id_resolution_id",
            ["member_state_id", "resolution_id"],
            unique=False,
        )

    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft_symbol", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("plenary_record", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("adoption", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("adoption_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("in_favour_count", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("against_count", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("abstaining_count", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_resolutions_adoption"), ["adoption"], unique=False)


def downgrade() -> None:
    # Not batch mode on SQLite: its table copy drops `resolutions`, and with foreign keys on
    # that cascades to every child (or is refused). SQLite 3.35+ drops a plain column in place.
    op.drop_index(op.f("ix_resolutions_adoption"), table_name="resolutions")
    for column in (
        "abstaining_count",
        "against_count",
        "in_favour_count",
        "adoption_text",
        "adoption",
        "plenary_record",
        "draft_symbol",
    ):
        op.drop_column("resolutions", column)

    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.drop_index("ix_votes_member_state_id_resolution_id")

    op.drop_table("votes")
    with op.batch_alter_table("sponsorships", schema=None) as batch_op:
        batch_op.drop_index("ix_sponsorships_member_state_id_resolution_id")

    op.drop_table("sponsorships")
    with op.batch_alter_table("resolution_subjects", schema=None) as batch_op:
        batch_op.drop_index("ix_resolution_subjects_subject_id_resolution_id")

    op.drop_table("resolution_subjects")
    op.drop_table("subjects")
    op.drop_table("member_states")
