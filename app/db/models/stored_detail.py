"""A resolution's detail in one language, rendered once and stored: the bytes the API sends,
deleted by the transaction that changes what it shows, rendered after it
(app/services/stored_details.py)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class StoredDetail(Base):
    __tablename__ = "stored_details"

    # The key a request has: the public id and the language (no join to read a body).
    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolutions.id", ondelete="CASCADE"), index=True
    )
    # The rendering's shape (app.services.stored_details.RENDERING_FORMAT): a row of another
    # format is ignored, so a deploy that changes the rendering never serves the old shape.
    format: Mapped[int] = mapped_column(Integer)
    # SHA-256 of `body`, hex: the strong ETag is derived from it, the base and the coding.
    content_hash: Mapped[str] = mapped_column(String(64))
    # The JSON of GET /v1/resolutions/{id}?lang=... with each link's base a placeholder.
    body: Mapped[bytes] = mapped_column(LargeBinary)
