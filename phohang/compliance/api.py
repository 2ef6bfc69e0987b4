"""Reports to the authority over /api/v1/compliance/: the periodic report and the removals feed.

Read-only, for authority staff (a session or a token with the `read` scope); others get 403.
"""

import datetime
from uuid import UUID

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from phohang.accounts.models import Role
from phohang.core.api import api_error
from phohang.core.api.pagination import CappedPageNumberPagination
from phohang.core.errors import NotFound

from . import selectors
from .forms import PeriodForm

router = Router(tags=["compliance"])
PUBLIC_OPERATIONS: frozenset[str] = frozenset()


def _officer(request):
    user = request.user
    if not (user.has_role(Role.AUTHORITY) or user.has_role(Role.ADMIN)):
        raise api_error(403, "authority_only", _("Only authority staff read compliance reports."))
    return user


class PeriodQuery(Schema):
    start: datetime.date
    end: datetime.date


class Figure(Schema):
    section: str
    figure: str
    value: int


class ReportOut(Schema):
    start: datetime.date
    end: datetime.date
    figures: list[Figure]


class RemovalOut(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    status: str
    listing: UUID | None = None
    seller: UUID
    reason: str
    legal_basis: str
    ordered_at: datetime.datetime
    due_at: datetime.datetime
    done_at: datetime.datetime | None

    @staticmethod
    def resolve_listing(obj) -> UUID | None:
        return obj.product.public_id if obj.product else None

    @staticmethod
    def resolve_seller(obj) -> UUID:
        return obj.seller.public_id


@router.get("/report", response=ReportOut, summary="Compliance report for a period")
def report(request, query: Query[PeriodQuery]):
    user = _officer(request)
    form = PeriodForm({"start": query.start, "end": query.end})
    if not form.is_valid():
        raise api_error(422, "period", _("Choose a valid period (at most one year)."))
    rows = selectors.report_rows(start=query.start, end=query.end, scope=user.province_scope)
    return {
        "start": query.start,
        "end": query.end,
        "figures": [{"section": s, "figure": f, "value": v} for s, f, v in rows],
    }


@router.get("/removals", response=list[RemovalOut], summary="Feed of listings and sellers removed")
@paginate(CappedPageNumberPagination)
def removals(request, since: datetime.datetime | None = None):
    user = _officer(request)
    return selectors.removals(scope=user.province_scope, since=since)


class ComplaintOut(Schema):
    id: UUID = Field(alias="public_id")
    target: str
    status: str
    body: str
    seller_answer: str
    outcome: str
    created_at: datetime.datetime
    seller_due_at: datetime.datetime


@router.get("/complaints/{public_id}", response=ComplaintOut, summary="One complaint")
def complaint(request, public_id: UUID):
    """For the person who filed it, the seller it is about, and authority staff in scope."""
    found = selectors.complaint_for_party(user=request.user, public_id=public_id)
    if found is None:
        raise NotFound()
    return found
