"""Subjects: the UN library's headings on resolutions, most used first."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.links import Links
from app.db.models import Subject, resolution_subjects
from app.schemas.subjects import SubjectQuery, SubjectSummary
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate

_USED_BY = (
    select(func.count())
    .where(resolution_subjects.c.subject_id == Subject.id)
    .correlate(Subject)
    .scalar_subquery()
)
MOST_USED_FIRST = Ordering(
    "subjects:used",
    (SortKey(_USED_BY, int, descending=True), SortKey(Subject.key, str)),
)


def list_subjects(
    session: Session, query: SubjectQuery, links: Links
) -> KeysetPage[SubjectSummary]:
    page = paginate(
        session,
        select(Subject.key, Subject.label, Subject.uri, Subject.vocabulary, _USED_BY.label("used")),
        MOST_USED_FIRST,
        limit=query.limit,
        cursor=query.cursor,
        count_statement=select(Subject.id),
    )
    return page.with_items(
        [
            SubjectSummary(
                key=row.key,
                label=row.label,
                uri=row.uri,
                vocabulary=row.vocabulary,
                resolutions=row.used,
                href=links.resolutions(subject=row.key),
            )
            for row in page.items
        ]
    )
