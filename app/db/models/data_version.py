"""One number that every change to the data advances: what the API's kept renderings check."""

# A single row (id 1). The ingest advances it in the transaction of each change (a resolution
# created, updated or deleted: app/ingest/events.py; the gazetteer when it writes:
# app/ingest/reference_data.py), so a reader that sees the new number sees the new rows too. A
# rendering labelled with the number its own snapshot saw is reused for as long as the number
# stays the same (app/api/render_cache); app/db/version.py says why a number never repeats.

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
