"""One number that every change to the resolutions advances: what the API's caches check.

A single row (id 1). The ingest advances it in the transaction of each change (created,
updated or deleted resolution: see app/ingest/events.py), so a reader that sees the new number
sees the new rows too. A rendered response labelled with the number read *before* its rows
can then be reused for as long as the number stays the same (app/api/rendered.py).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base

DATA_VERSION_ID = 1


class DataVersion(Base):
    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint(f"id = {DATA_VERSION_ID}", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)
