from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from phohang.accounts.validators import normalize_vietnamese_mobile
from phohang.core.api import CappedPageNumberPagination, api_error, api_validation_error
from phohang.core.audit import audit_context_from_request, audit_record, audit_refusals
from phohang.core.text import clean_free_text, clean_identifier, clean_line
from phohang.core.transitions import IllegalTransition
from phohang.geo.models import Ward

from . import selectors, services
from .models import SellerType, VneidLevel
from .validators import (
    normalize_business_registration_number,
    normalize_citizen_id,
    normalize_tax_code,
)

router = Router(tags=["sellers"])
# Operations open to anonymous callers (auth=None); the route audit (SEC-03) checks this list.
PUBLIC_OPERATIONS = frozenset({"seller_list", "seller_detail"})
APPLICATION = "sellers.sellerapplication"


class SellerOut(Schema):
    id: UUID = Field(alias="public_id")
    slug: str
    name: str
    seller_type: str
    province_code: str = Field(alias="province_id")
    description: str
    is_verified: bool


class ApplicationIn(Schema):
    seller_type: SellerType
    name: str = Field(min_length=2, max_length=200)
    description: str = Field("", max_length=4000)
    tax_code: str = Field("", max_length=20)
    business_registration_number: str = Field("", max_length=30)
    citizen_id: str = Field("", max_length=20)
    vneid_level: VneidLevel = VneidLevel.NONE
    representative_name: str = Field(min_length=2, max_length=120)
    contact_phone: str = Field(max_length=20)
    street: str = Field(min_length=2, max_length=200)
    ward_code: str = Field(min_length=5, max_length=5)
    consent_identity: bool


class ApplicationOut(Schema):
    id: UUID = Field(alias="public_id")
    seller_type: str
    name: str
    status: str
    decision_reason: str
    tax_code: str
    citizen_id_masked: str
    province_code: str = Field(alias="address.province_id")
    submitted_at: str

    @staticmethod
    def resolve_submitted_at(obj):
        return obj.submitted_at.isoformat()


class DecisionIn(Schema):
    decision: str = Field(pattern="^(approve|reject|needs_info)$")
    reason: str = Field("", max_length=2000)


@router.get("/", response=list[SellerOut], auth=None, summary="Public list of sellers")
@paginate(CappedPageNumberPagination)
def seller_list(request, province: str = "", seller_type: str = ""):
    return selectors.seller_list_public(province_code=province[:2], seller_type=seller_type[:20])


@router.get(
    "/applications", response=list[ApplicationOut], summary="Applications you filed, or may review"
)
@paginate(CappedPageNumberPagination)
def application_list(request):
    user = request.auth
    if selectors.can_review_applications(user):
        return selectors.application_list_for_reviewer(user).order_by("submitted_at")
    return selectors.application_list_for_applicant(user)


@router.post("/applications", response={201: ApplicationOut}, summary="Apply to sell")
def application_create(request, payload: ApplicationIn):
    ward = Ward.objects.filter(code=payload.ward_code).first()
    if ward is None:
        raise api_error(422, "invalid_ward", _("Unknown ward code."))
    try:
        data = services.ApplicationData(
            seller_type=payload.seller_type,
            name=clean_line(payload.name),
            description=clean_free_text(payload.description),
            tax_code=normalize_tax_code(payload.tax_code) if payload.tax_code else "",
            business_registration_number=normalize_business_registration_number(
                payload.business_registration_number
            )
            if payload.business_registration_number
            else "",
            citizen_id=normalize_citizen_id(payload.citizen_id) if payload.citizen_id else "",
            vneid_level=payload.vneid_level,
            representative_name=clean_line(payload.representative_name),
            contact_phone=normalize_vietnamese_mobile(clean_identifier(payload.contact_phone)),
            street=clean_line(payload.street),
            ward_id=ward.code,
            province_id=ward.province_id,
        )
        application = services.seller_application_submit(
            applicant=request.auth,
            data=data,
            documents=[],
            consents_to_identity_processing=payload.consent_identity,
            context=audit_context_from_request(request),
        )
    except ValidationError as error:
        raise api_validation_error(error) from error
    return Status(201, application)


@router.get(
    "/applications/{public_id}",
    response=ApplicationOut,
    summary="One application (filer or reviewer)",
)
@audit_refusals("seller_application.view", object_type=APPLICATION, purpose="seller verification")
def application_detail(request, public_id: UUID):
    application = selectors.application_get_for_user(request.auth, public_id)
    if application.applicant_id != request.auth.pk:
        audit_record(
            context=audit_context_from_request(request, purpose="seller verification"),
            action="seller_application.view_identity",
            obj=application,
        )
    return application


@router.post(
    "/applications/{public_id}/decision",
    response=ApplicationOut,
    summary="Approve, reject or ask for more",
)
@audit_refusals("seller_application.decide", object_type=APPLICATION, purpose="seller verification")
def application_decide(request, public_id: UUID, payload: DecisionIn):
    user = request.auth
    application = selectors.application_get_for_user(user, public_id)
    if not selectors.can_review_applications(user) or application.applicant_id == user.pk:
        raise PermissionDenied
    context = audit_context_from_request(request, purpose="seller verification")
    try:
        if payload.decision == "approve":
            services.seller_application_approve(
                application=application, reviewer=user, context=context
            )
        elif payload.decision == "reject":
            services.seller_application_reject(
                application=application,
                reviewer=user,
                reason=clean_free_text(payload.reason),
                context=context,
            )
        else:
            services.seller_application_request_info(
                application=application,
                reviewer=user,
                reason=clean_free_text(payload.reason),
                context=context,
            )
    except ValidationError as error:
        raise api_validation_error(error) from error
    except services.NotAllowedToReview as error:
        raise PermissionDenied from error
    except IllegalTransition as error:
        raise api_error(
            409, "already_decided", _("This application has already been decided.")
        ) from error
    application.refresh_from_db()
    return application


@router.get("/{slug}", response=SellerOut, auth=None, summary="One seller's public profile")
def seller_detail(request, slug: str):
    return selectors.seller_get_public(slug[:120])
