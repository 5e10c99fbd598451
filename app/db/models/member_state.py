"""Member States and observer States, from the gazetteer (app/reference/member_states.yaml)."""

from __future__ import annotations

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, TimestampMixin


class MemberState(TimestampMixin, Base):
    __tablename__ = "member_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(8), unique=True)  # ISO 3166-1 alpha-3, lower case
    name: Mapped[str] = mapped_column(Text)
    vote_name: Mapped[str] = mapped_column(Text)
    iso3: Mapped[str] = mapped_column(String(3))
    unterm: Mapped[str | None] = mapped_column(String(36), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
