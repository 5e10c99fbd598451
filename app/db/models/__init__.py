"""ORM models, one module per aggregate; importing this package registers every table."""

from app.db.models.citation import (
    DocumentCitation,
    OrganizationCitation,
    ResolutionCitation,
    TreatyCitation,
)
from app.db.models.clause import Clause, ClauseKind, clause_footnotes
from app.db.models.data_version import DATA_VERSION_ID, DataVersion
from app.db.models.event import EventAction, ResolutionEvent
from app.db.models.follow_up import FollowUp
from app.db.models.footnote import Footnote
from app.db.models.iacg import IacgListing, IacgRole
from app.db.models.member_state import MemberState
from app.db.models.organization import Organization
from app.db.models.resolution import Resolution
from app.db.models.resolution_version import ENGLISH, ResolutionVersion
from app.db.models.sponsorship import SponsorRole, Sponsorship
from app.db.models.stored_detail import StoredDetail
from app.db.models.subject import Subject, resolution_subjects
from app.db.models.translation import ClauseTranslation, FootnoteTranslation
from app.db.models.treaty import Treaty
from app.db.models.vote import Vote, VoteCast

__all__ = [
    "DATA_VERSION_ID",
    "ENGLISH",
    "Clause",
    "ClauseKind",
    "ClauseTranslation",
    "DataVersion",
    "DocumentCitation",
    "EventAction",
    "FollowUp",
    "Footnote",
    "FootnoteTranslation",
    "IacgListing",
    "IacgRole",
    "MemberState",
    "Organization",
    "OrganizationCitation",
    "Resolution",
    "ResolutionCitation",
    "ResolutionEvent",
    "ResolutionVersion",
    "SponsorRole",
    "Sponsorship",
    "StoredDetail",
    "Subject",
    "Treaty",
    "TreatyCitation",
    "Vote",
    "VoteCast",
    "clause_footnotes",
    "resolution_subjects",
]
