"""A resolution: the document aggregate root, keyed by its symbol (`A/RES/68/72`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, TimestampMixin

if TYPE_CHECKING:
    from app.db.models.clause import Clause
    from app.db.models.follow_up import FollowUp
    from app.db.models.footnote import Footnote
    from app.db.models.iacg import IacgListing
    from app.db.models.resolution_version import ResolutionVersion
    from app.db.models.sponsorship import Sponsorship
    from app.db.models.vote import Vote


class Resolution(TimestampMixin, Base):
    __tablename__ = "resolutions"
    __table_args__ = (
        Index("ix_resolutions_adopted_on_id", "adopted_on", "id"),
        # The keyset order of lists newest first (by symbol), whole, id included.
        Index("ix_resolutions_session_number_id", "session", "number", "id"),
        # A member's neighbours in its series, in adoption order, read as two short ranges.
        Index(
            "ix_resolutions_series_chronological",
            "series_key",
            "adopted_on",
            "session",
            "number",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    symbol: Mapped[str] = mapped_column(String(64), unique=True)
    # URL-safe form of the symbol (A/RES/68/72 -> A-RES-68-72): the public identifier.
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    body: Mapped[str] = mapped_column(String(64))
    session: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    # Letter of a multi-part resolution (54/54 B), none for most.
    part: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text)
    adopted_on: Mapped[date | None] = mapped_column(Date)
    plenary_meeting: Mapped[int | None] = mapped_column(Integer)
    agenda_item: Mapped[str | None] = mapped_column(String(32))
    agenda_title: Mapped[str | None] = mapped_column(Text)
    committee: Mapped[str | None] = mapped_column(Text)
    committee_report: Mapped[str | None] = mapped_column(String(64))
    # The draft as introduced ("A/C.4/80/L.7") and the record of the adopting meeting.
    draft_symbol: Mapped[str | None] = mapped_column(String(64))
    plenary_record: Mapped[str | None] = mapped_column(String(64))
    # How it was adopted (app.db.models.vote): "recorded-vote", "without-vote", "other", or
    # none where the source does not say (a text before the official XML). The counts are as
    # the official record states them; `adoption_text` keeps its own words when it is free text.
    adoption: Mapped[str | None] = mapped_column(String(16), index=True)
    adoption_text: Mapped[str | None] = mapped_column(Text)
    in_favour_count: Mapped[int | None] = mapped_column(Integer)
    against_count: Mapped[int | None] = mapped_column(Integer)
    abstaining_count: Mapped[int | None] = mapped_column(Integer)
    series_key: Mapped[str | None] = mapped_column(String(200))
    # The resolution this one recalls as its predecessor in the series (66/69 for 68/72),
    # whether or not that one is in the database (app.renderings.predecessor.recalled_predecessor).
    previous_symbol: Mapped[str | None] = mapped_column(String(64), index=True)

    clauses: Mapped[list[Clause]] = relationship(
        back_populates="resolution",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Clause.position",
    )
    footnotes: Mapped[list[Footnote]] = relationship(
        back_populates="resolution",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Footnote.number",
    )
    iacg_listings: Mapped[list[IacgListing]] = relationship(
        back_populates="resolution",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="IacgListing.position",
    )
    votes: Mapped[list[Vote]] = relationship(
        back_populates="resolution",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Vote.position",
    )
    sponsorships: Mapped[list[Sponsorship]] = relationship(
        back_populates="resolution",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Sponsorship.position",
    )
    # Its language versions (app.db.models.resolution_version): source, file, hash, document.
    versions: Mapped[list[ResolutionVersion]] = relationship(
        back_populates="resolution",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ResolutionVersion.id",
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="resolution",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FollowUp.id",
    )
