"""What the compliance pages share: roles, 404s, messages, the evidence download."""

from django.contrib import messages
from django.http import Http404, HttpResponse

from phohang.accounts.models import Consent, Role
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound
from phohang.sellers.models import Seller

from .. import selectors
from ..models import Complaint

AUTHORITY = [Role.AUTHORITY, Role.ADMIN]
# The banned-goods list, the operating rules and the fees are the same in every province.
PLATFORM_WIDE = [Role.CITY_AUTHORITY, Role.ADMIN]
# Purposes a person manages on the privacy page (terms are accepted when registering).
CONSENT_PURPOSES = [Consent.Purpose.MARKETING, Consent.Purpose.MATCHING, Consent.Purpose.IDENTITY]


def found(getter, **kwargs):
    """The object or a 404 page (the same answer whether it exists or is someone else's)."""
    try:
        return getter(**kwargs)
    except NotFound as error:
        raise Http404 from error


def show_error(request, error: DomainError) -> None:
    messages.error(request, str(error.message))


def labelled_events(events, statuses) -> list[tuple]:
    labels = dict(statuses.choices)
    return [(event, labels.get(event.to_status, event.to_status)) for event in events]


def scope_of(request):
    return request.user.province_scope


def evidence_response(request, complaint: Complaint):
    from phohang.core.audit import audit_record
    from phohang.core.views import protect_file_response

    if not complaint.evidence:
        raise Http404
    audit_record(
        context=audit_context_from_request(request, purpose="complaint handling"),
        action="compliance.complaint.evidence_view",
        obj=complaint,
    )
    extension = complaint.evidence.name.rsplit(".", 1)[-1]
    with complaint.evidence.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type="application/octet-stream")
    return protect_file_response(response, f"evidence-{complaint.public_id}.{extension}")


def seller_for(request) -> Seller:
    seller = selectors.seller_of(request.user)
    if seller is None:
        raise Http404
    return seller
