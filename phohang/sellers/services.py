"""Seller onboarding: applications, review decisions, sellers and their staff."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import Consent, User
from phohang.accounts.services import consent_grant, consent_is_given, notification_send
from phohang.core import crypto
from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.text import (
    comparison_key,
    lookalike_key,
    mixes_lookalike_scripts,
    slugify_vi,
)
from phohang.core.transitions import (
    IllegalTransition,
    StateMachine,
    history_row,
    history_start,
    transition,
)
from phohang.core.uploads import CleanUpload
from phohang.geo.models import Address

from .identification import ManualReview, document_encrypt, identification_record
from .models import (
    ApplicationDocument,
    ApplicationEvent,
    Seller,
    SellerApplication,
    SellerMember,
    SellerType,
    StaffInvitation,
)

MAX_DOCUMENTS = 5
# Messages are lazy (gettext_lazy) so the API can render one error in Vietnamese and English.


class NotAllowedToReview(Exception):
    """Nobody decides their own application."""


APPLICANT, REVIEWER = "applicant", "reviewer"
_S = SellerApplication.Status
APPLICATION = StateMachine(
    name="seller_application",
    moves={
        (_S.SUBMITTED, _S.APPROVED): {REVIEWER},
        (_S.SUBMITTED, _S.REJECTED): {REVIEWER},
        (_S.SUBMITTED, _S.NEEDS_INFO): {REVIEWER},
        (_S.NEEDS_INFO, _S.APPROVED): {REVIEWER},
        (_S.NEEDS_INFO, _S.REJECTED): {REVIEWER},
        (_S.NEEDS_INFO, _S.NEEDS_INFO): {REVIEWER},
        (_S.NEEDS_INFO, _S.SUBMITTED): {APPLICANT},
    },
    history=history_row(ApplicationEvent, "application"),
)


@dataclass(frozen=True)
class ApplicationData:
    seller_type: str
    name: str
    description: str
    tax_code: str
    business_registration_number: str
    citizen_id: str
    vneid_level: int
    representative_name: str
    contact_phone: str
    street: str
    ward_id: str
    province_id: str


def _check_identity_requirements(data: ApplicationData) -> None:
    errors: dict[str, str | Promise] = {}
    if data.seller_type in (SellerType.ENTERPRISE, SellerType.COOPERATIVE) and not data.tax_code:
        errors["tax_code"] = _("Enterprises and cooperatives must give their tax code (MST).")
    if data.seller_type == SellerType.HOUSEHOLD:
        if not data.business_registration_number:
            errors["business_registration_number"] = _(
                "A household business must give its business registration number."
            )
        if not data.citizen_id:
            errors["citizen_id"] = _("Give the owner's 12-digit citizen ID (CCCD).")
    if data.seller_type == SellerType.INDIVIDUAL and not data.citizen_id:
        errors["citizen_id"] = _("Give your 12-digit citizen ID (CCCD).")
    if errors:
        raise ValidationError(errors)


def _check_duplicates(data: ApplicationData, *, applicant: User, exclude_pk: int | None) -> None:
    errors: dict[str, str | Promise] = {}
    open_statuses = [SellerApplication.Status.SUBMITTED, SellerApplication.Status.NEEDS_INFO]
    others = SellerApplication.objects.filter(status__in=open_statuses)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if data.tax_code and (
        Seller.objects.filter(tax_code=data.tax_code).exists()
        or others.filter(tax_code=data.tax_code).exists()
    ):
        errors["tax_code"] = _("A seller with this tax code is already registered or under review.")
    if data.citizen_id:
        # Every key's digest: a citizen ID stored before a key rotation is still a duplicate.
        digests = crypto.blind_indexes(data.citizen_id)
        if (
            Seller.objects.filter(citizen_id_digest__in=digests).exists()
            or others.filter(citizen_id_digest__in=digests).exists()
        ):
            errors["citizen_id"] = _(
                "A seller with this citizen ID is already registered or under review."
            )
    key = comparison_key(data.name)
    # A name spelt with Cyrillic or Greek look-alikes of an existing seller's is the same name.
    keys = {key, lookalike_key(data.name)}
    if (
        Seller.objects.filter(name_key__in=keys).exists()
        or others.filter(name_key__in=keys).exists()
    ):
        errors["name"] = _("A seller with this name already exists; choose a distinguishing name.")
    elif mixes_lookalike_scripts(data.name):
        errors["name"] = _(
            "Write the name in one alphabet: Latin letters mixed with Cyrillic or Greek ones "
            "are not accepted."
        )
    if errors:
        raise ValidationError(errors)


def _identity_fields(data: ApplicationData) -> dict[str, str | int]:
    needs_citizen_id = data.seller_type in (SellerType.HOUSEHOLD, SellerType.INDIVIDUAL)
    citizen_id = data.citizen_id if needs_citizen_id else ""
    return {
        "seller_type": data.seller_type,
        "name": data.name,
        "name_key": comparison_key(data.name),
        "description": data.description,
        "tax_code": data.tax_code,
        "business_registration_number": data.business_registration_number
        if data.seller_type != SellerType.INDIVIDUAL
        else "",
        "citizen_id_encrypted": crypto.encrypt(citizen_id),
        "citizen_id_digest": crypto.blind_index(citizen_id),
        "vneid_level": data.vneid_level,
        "representative_name": data.representative_name,
        "contact_phone": data.contact_phone,
    }


def _attach_documents(application: SellerApplication, documents: list[CleanUpload]) -> None:
    if application.documents.count() + len(documents) > MAX_DOCUMENTS:
        raise ValidationError(
            {
                "documents": ValidationError(
                    _("At most %(count)d documents can be attached."),
                    params={"count": MAX_DOCUMENTS},
                )
            }
        )
    for document in documents:
        ApplicationDocument.objects.create(
            application=application,
            file=document_encrypt(document.content),
            content_type=document.content_type,
            original_name=document.original_name,
            size=document.content.size,
        )


@transaction.atomic
def seller_application_submit(
    *,
    applicant: User,
    data: ApplicationData,
    documents: list[CleanUpload],
    consents_to_identity_processing: bool,
    context: AuditContext,
) -> SellerApplication:
    """File a new application; the identity data stored is encrypted where it is personal."""
    if not consents_to_identity_processing:
        raise ValidationError(
            {"consent": _("Consent to processing identity documents is required to apply.")}
        )
    if SellerApplication.objects.filter(
        applicant=applicant,
        status__in=[SellerApplication.Status.SUBMITTED, SellerApplication.Status.NEEDS_INFO],
    ).exists():
        raise ValidationError({"__all__": _("You already have an application under review.")})
    _check_identity_requirements(data)
    _check_duplicates(data, applicant=applicant, exclude_pk=None)
    if not consent_is_given(user=applicant, purpose=Consent.Purpose.IDENTITY):
        consent_grant(user=applicant, purpose=Consent.Purpose.IDENTITY)
    address = Address.objects.create(
        street=data.street, ward_id=data.ward_id, province_id=data.province_id
    )
    application = SellerApplication.objects.create(
        applicant=applicant, address=address, **_identity_fields(data)
    )
    history_start(APPLICATION, application, actor=applicant)
    _attach_documents(application, documents)
    audit_record(
        context=context,
        action="seller_application.submit",
        obj=application,
        after={"status": application.status, "seller_type": application.seller_type},
    )
    return application


@transaction.atomic
def seller_application_resubmit(
    *,
    application: SellerApplication,
    data: ApplicationData,
    documents: list[CleanUpload],
    context: AuditContext,
    consents_to_identity_processing: bool = True,
) -> SellerApplication:
    """The applicant answers a request for more information."""
    application = SellerApplication.objects.get(pk=application.pk)
    if not APPLICATION.allows(application, _S.SUBMITTED, APPLICANT):
        raise IllegalTransition(_("This application has already been decided."))
    if not consent_is_given(user=application.applicant, purpose=Consent.Purpose.IDENTITY):
        if not consents_to_identity_processing:
            raise ValidationError(
                {"consent": _("Consent to processing identity documents is required to apply.")}
            )
        consent_grant(user=application.applicant, purpose=Consent.Purpose.IDENTITY)
    _check_identity_requirements(data)
    _check_duplicates(data, applicant=application.applicant, exclude_pk=application.pk)
    Address.objects.filter(pk=application.address_id).update(
        street=data.street, ward_id=data.ward_id, province_id=data.province_id
    )
    transition(
        APPLICATION,
        application,
        to=_S.SUBMITTED,
        actor_kind=APPLICANT,
        actor=application.applicant,
        fields=_identity_fields(data),
        context=context,
    )
    _attach_documents(application, documents)
    return application


def _decide(
    application: SellerApplication,
    *,
    status: str,
    reason: str,
    reviewer: User,
    context: AuditContext,
) -> SellerApplication:
    if application.applicant_id == reviewer.pk:
        raise NotAllowedToReview(application.pk)
    current = SellerApplication.objects.get(pk=application.pk)
    now = timezone.now()
    transition(
        APPLICATION,
        current,
        to=status,
        actor_kind=REVIEWER,
        actor=reviewer,
        note=reason,
        fields={"decision_reason": reason, "reviewed_by": reviewer, "decided_at": now},
        context=context,
        audit_fields=("decision_reason",),
        now=now,
    )
    return current


def _unique_slug(name: str) -> str:
    base = slugify_vi(name, max_length=100)
    slug, counter = base, 2
    while Seller.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def seller_application_approve(
    *, application: SellerApplication, reviewer: User, context: AuditContext
) -> Seller:
    """Approve: the applicant becomes the owner of a new verified seller."""
    if not consent_is_given(user=application.applicant, purpose=Consent.Purpose.IDENTITY):
        raise ValidationError(
            _("The applicant has withdrawn consent to identity processing; it cannot be approved.")
        )
    decided = _decide(
        application,
        status=SellerApplication.Status.APPROVED,
        reason="",
        reviewer=reviewer,
        context=context,
    )
    try:
        with transaction.atomic():
            seller = Seller.objects.create(
                slug=_unique_slug(decided.name),
                name=decided.name,
                name_key=decided.name_key,
                seller_type=decided.seller_type,
                description=decided.description,
                tax_code=decided.tax_code,
                citizen_id_digest=decided.citizen_id_digest,
                vneid_level=decided.vneid_level,
                address=decided.address,
                province_id=decided.address.province_id,
                contact_phone=decided.contact_phone,
                application=decided,
                is_verified=True,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("A seller with the same name, tax code or citizen ID was approved meanwhile.")
        ) from error
    SellerMember.objects.create(seller=seller, user=decided.applicant, role=SellerMember.Role.OWNER)
    identification_record(
        seller=seller,
        result=ManualReview().result(reference=str(decided.public_id)),
        context=context,
    )
    audit_record(
        context=context,
        action="seller.create",
        obj=seller,
        after={"name": seller.name, "province": seller.province_id},
    )
    notification_send(
        user=decided.applicant,
        title=_("Your seller application was approved"),
        body=_("%(name)s can now publish products on Phố Hàng.") % {"name": seller.name},
        link=reverse("sellers:storefront", args=[seller.slug]),
    )
    return seller


# A decision that sends the application back: what to ask for when no reason is given, and the
# title of the applicant's notification.
SEND_BACK: dict[str, tuple[str | Promise, str | Promise]] = {
    SellerApplication.Status.REJECTED: (
        _("Give the applicant a reason."),
        _("Your seller application was not approved"),
    ),
    SellerApplication.Status.NEEDS_INFO: (
        _("Say what information is missing."),
        _("More information is needed for your seller application"),
    ),
}


def _send_back(
    application: SellerApplication,
    status: str,
    *,
    reason: str,
    reviewer: User,
    context: AuditContext,
) -> SellerApplication:
    """Reject or ask for more: the reason is required and the applicant is told."""
    reason_missing, title = SEND_BACK[status]
    if not reason.strip():
        raise ValidationError({"reason": reason_missing})
    decided = _decide(application, status=status, reason=reason, reviewer=reviewer, context=context)
    notification_send(
        user=decided.applicant,
        title=title,
        body=reason,
        link=reverse("sellers:application_detail", args=[decided.public_id]),
    )
    return decided


@transaction.atomic
def seller_application_reject(
    *, application: SellerApplication, reviewer: User, reason: str, context: AuditContext
) -> SellerApplication:
    rejected = SellerApplication.Status.REJECTED
    return _send_back(application, rejected, reason=reason, reviewer=reviewer, context=context)


@transaction.atomic
def seller_application_request_info(
    *, application: SellerApplication, reviewer: User, reason: str, context: AuditContext
) -> SellerApplication:
    asked = SellerApplication.Status.NEEDS_INFO
    return _send_back(application, asked, reason=reason, reviewer=reviewer, context=context)


@transaction.atomic
def seller_profile_update(
    *,
    seller: Seller,
    actor: User,
    description: str,
    contact_phone: str,
    logo: CleanUpload | None,
    context: AuditContext,
) -> Seller:
    before = snapshot(seller, ["description", "contact_phone", "logo"])
    seller.description = description
    seller.contact_phone = contact_phone
    if logo is not None:
        seller.logo.save(logo.name, logo.content, save=False)
    seller.save()
    audit_record(
        context=context,
        action="seller.update_profile",
        obj=seller,
        before=before,
        after=snapshot(seller, ["description", "contact_phone", "logo"]),
    )
    return seller


@transaction.atomic
def seller_staff_invite(
    *, seller: Seller, inviter: User, email: str, context: AuditContext
) -> StaffInvitation:
    """An owner invites someone by email; they join when they accept while signed in."""
    email = email.strip().lower()
    if SellerMember.objects.filter(
        seller=seller, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError({"email": _("This person is already a member of your shop.")})
    invitation = StaffInvitation.objects.create(
        seller=seller, email=email, token=secrets.token_urlsafe(32), invited_by=inviter
    )
    audit_record(
        context=context,
        action="seller.invite_staff",
        obj=seller,
        after={"invitation": invitation.pk},
    )
    link = reverse("sellers:invitation_accept", args=[invitation.token])
    invitee = User.objects.filter(email__iexact=email).first()
    if invitee:
        notification_send(
            user=invitee,
            title=_("You are invited to join %(name)s") % {"name": seller.name},
            link=link,
        )
    else:
        from django.conf import settings

        from phohang.accounts.services import email_send_after_commit

        email_send_after_commit(
            subject=_("You are invited to join %(name)s on Phố Hàng") % {"name": seller.name},
            body=f"{settings.SITE_URL}{link}",
            recipients=[email],
        )
    return invitation


@transaction.atomic
def seller_invitation_accept(*, token: str, user: User, context: AuditContext) -> SellerMember:
    invitation = (
        StaffInvitation.objects.select_for_update()
        .filter(token=token, accepted_at__isnull=True)
        .select_related("seller")
        .first()
    )
    if invitation is None or (user.email or "").lower() != invitation.email:
        raise ValidationError(_("This invitation is not valid for your account."))
    member, _created = SellerMember.objects.update_or_create(
        seller=invitation.seller,
        user=user,
        defaults={"is_active": True, "role": SellerMember.Role.STAFF},
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        context=context,
        action="seller.staff_joined",
        obj=invitation.seller,
        after={"member": user.pk},
    )
    return member


@transaction.atomic
def seller_member_remove(*, seller: Seller, member_id: int, context: AuditContext) -> bool:
    """Deactivate a staff member of `seller`; False when no such active staff member exists."""
    updated = SellerMember.objects.filter(
        seller=seller, pk=member_id, role=SellerMember.Role.STAFF, is_active=True
    ).update(is_active=False)
    if updated:
        audit_record(
            context=context, action="seller.staff_removed", obj=seller, after={"member": member_id}
        )
    return bool(updated)
