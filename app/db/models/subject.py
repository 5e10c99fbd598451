"""UNBIS Thesaurus subjects (and the library's other headings) that classify resolutions."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, TimestampMixin


class Subject(TimestampMixin, Base):
    __tablename__ = "subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # "landmines", "mine-clearance"
    label: Mapped[str] = mapped_column(Text)  # "LANDMINES", as the thesaurus writes it
    # The thesaurus concept (http://metadata.un.org/thesaurus/1003608); none for a heading
    # of another dictionary, such as the library's corporate names ("UN. Mine Action Service").
    uri: Mapped[str | None] = mapped_column(String(200), unique=True)
    vocabulary: Mapped[str] = mapped_column(String(64))  # "UNBIS Thesaurus", "DHLAUTH"


resolution_subjects = Table(
    "resolution_subjects",
    Base.metadata,
    Column(
        "resolution_id",
        ForeignKey("resolutions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("subject_id", ForeignKey("subjects.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
    # The resolutions of a subject (the `subject` filter).
    Index("ix_resolution_subjects_subject_id_resolution_id", "subject_id", "resolution_id"),
)
