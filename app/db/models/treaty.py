"""Treaties: curated reference entities from the gazetteer (app/reference/treaties.yaml)."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, TimestampMixin


class Treaty(TimestampMixin, Base):
    __tablename__ = "treaties"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str | None] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    year: Mapped[int | None] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("treaties.id", ondelete="SET NULL"), index=True
    )
    # United Nations Treaty Series reference, e.g. "vol. 2056, No. 35597".
    treaty_series: Mapped[str | None] = mapped_column(String(64))

    parent: Mapped[Treaty | None] = relationship(remote_side="Treaty.id", back_populates="children")
    children: Mapped[list[Treaty]] = relationship(back_populates="parent", order_by="Treaty.key")
