"""A General Assembly session: what earlier resolutions scheduled for it, and what it adopted."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.links import Links
from app.db.models import FollowUp, Resolution
from app.errors import NotFound
from app.schemas.sessions import SessionDetail, SessionLinks
from app.services.follow_ups import follow_up_item, follow_up_rows
from app.services.refs import REF_COLUMNS, resolution_ref


def session_detail(session: Session, number: int, links: Links) -> SessionDetail:
    scheduled = session.execute(
        follow_up_rows()
        .where(FollowUp.target_session == number)
        .order_by(Resolution.session, Resolution.number, Resolution.id, FollowUp.id)
    ).all()
    adopted = session.execute(
        select(*REF_COLUMNS)
        .where(Resolution.session == number)
        .order_by(Resolution.number, Resolution.part, Resolution.id)
    ).all()
    if not scheduled and not adopted:
        raise NotFound(
            f"No resolution in the database was adopted at session {number} "
            "or schedules anything for it."
        )
    return SessionDetail(
        number=number,
        scheduled=[follow_up_item(row, links) for row in scheduled],
        adopted=[resolution_ref(row, links) for row in adopted],
        links=SessionLinks(
            resolutions=links.resolutions(session=number),
            follow_ups=links.follow_ups(target_session=number),
        ),
    )
