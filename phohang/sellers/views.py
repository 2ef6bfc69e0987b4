from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request, audit_record, audit_refusals
from phohang.core.transitions import IllegalTransition
from phohang.core.views import protect_file_response
from phohang.geo.selectors import province_list

from . import selectors, services
from .forms import (
    DecisionForm,
    DirectoryFilterForm,
    InviteStaffForm,
    SellerApplicationForm,
    SellerProfileForm,
)
from .identification import document_bytes
from .models import ApplicationDocument, SellerApplication, SellerType

AUTHORITY_ROLES = [Role.AUTHORITY, Role.ADMIN]

APPLICATION = "sellers.sellerapplication"
VERIFICATION = "seller verification"


@signed_in
@require_http_methods(["GET", "POST"])
def apply(request):
    form = SellerApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.seller_application_submit(
                applicant=request.user,
                data=form.application_data(),
                documents=form.cleaned_data["documents"],
                consents_to_identity_processing=form.cleaned_data["consent_identity"],
                context=audit_context_from_request(request),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _(
                    "Your application was sent. The Department of Industry and Trade will review it."
                ),
            )
            return redirect("sellers:application_detail", public_id=application.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "sellers/apply.html", {"form": form}, status=status)


@signed_in
@require_GET
def my_applications(request):
    applications = selectors.application_list_for_applicant(request.user)
    return render(request, "sellers/my_applications.html", {"applications": applications})


@signed_in
@require_http_methods(["GET", "POST"])
@audit_refusals("seller_application.view", object_type=APPLICATION, purpose=VERIFICATION)
def application_detail(request, public_id):
    application = selectors.application_get_for_user(request.user, public_id)
    is_reviewer = (
        selectors.can_review_applications(request.user)
        and application.applicant_id != request.user.pk
    )
    if is_reviewer:
        return redirect("sellers:review_detail", public_id=application.public_id)
    form = None
    if application.status == SellerApplication.Status.NEEDS_INFO:
        initial = {
            "seller_type": application.seller_type,
            "name": application.name,
            "description": application.description,
            "tax_code": application.tax_code,
            "business_registration_number": application.business_registration_number,
            "vneid_level": application.vneid_level,
            "representative_name": application.representative_name,
            "contact_phone": application.contact_phone,
            "street": application.address.street,
            "province": application.address.province,
            "ward": application.address.ward_id,
        }
        form = SellerApplicationForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.seller_application_resubmit(
                    application=application,
                    data=form.application_data(),
                    documents=form.cleaned_data["documents"],
                    context=audit_context_from_request(request),
                    consents_to_identity_processing=form.cleaned_data["consent_identity"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            except IllegalTransition:
                messages.error(request, _("This application has already been decided."))
                return redirect("sellers:application_detail", public_id=public_id)
            else:
                messages.success(request, _("Your application was sent again for review."))
                return redirect("sellers:application_detail", public_id=public_id)
    elif request.method == "POST":
        raise Http404
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "sellers/application_detail.html",
        {"application": application, "form": form},
        status=status,
    )


@roles_required(AUTHORITY_ROLES)
@require_GET
def review_list(request):
    status = request.GET.get("status", SellerApplication.Status.SUBMITTED)
    applications = selectors.application_list_for_reviewer(request.user)
    if status in SellerApplication.Status.values:
        applications = applications.filter(status=status)
    seller_type = request.GET.get("seller_type", "")
    if seller_type in SellerType.values:
        applications = applications.filter(seller_type=seller_type)
    page = Paginator(applications.order_by("submitted_at"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "sellers/review_list.html",
        {
            "page": page,
            "status": status,
            "statuses": SellerApplication.Status.choices,
            "seller_type": seller_type,
            "seller_types": SellerType.choices,
        },
    )


@roles_required(AUTHORITY_ROLES)
@require_http_methods(["GET", "POST"])
@audit_refusals("seller_application.review", object_type=APPLICATION, purpose=VERIFICATION)
def review_detail(request, public_id):
    application = get_object_or_404(
        selectors.application_list_for_reviewer(request.user), public_id=public_id
    )
    context = audit_context_from_request(request, purpose="seller verification")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "approve":
                seller = services.seller_application_approve(
                    application=application, reviewer=request.user, context=context
                )
                messages.success(
                    request, _("Approved: %(name)s can now sell.") % {"name": seller.name}
                )
            elif decision == "reject":
                services.seller_application_reject(
                    application=application, reviewer=request.user, reason=reason, context=context
                )
                messages.success(
                    request, _("The application was rejected and the applicant told why.")
                )
            else:
                services.seller_application_request_info(
                    application=application, reviewer=request.user, reason=reason, context=context
                )
                messages.success(request, _("The applicant was asked for more information."))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(
                    "reason" if "reason" in getattr(error, "error_dict", {}) else None, message
                )
        except IllegalTransition:
            messages.error(request, _("This application has already been decided."))
            return redirect("sellers:review_detail", public_id=public_id)
        except services.NotAllowedToReview as error:
            raise PermissionDenied from error
        else:
            return redirect("sellers:review_list")
    # Seeing the full identity number is a disclosure of personal data: audit it.
    audit_record(context=context, action="seller_application.view_identity", obj=application)
    return render(
        request,
        "sellers/review_detail.html",
        {
            "application": application,
            "form": form,
            "documents": application.documents.all(),
        },
        status=400 if request.method == "POST" else 200,
    )


@signed_in
@require_GET
@audit_refusals(
    "seller_application.download_document",
    object_type="sellers.applicationdocument",
    purpose=VERIFICATION,
)
def document_download(request, public_id):
    document = get_object_or_404(
        ApplicationDocument.objects.select_related("application"), public_id=public_id
    )
    selectors.application_get_for_user(request.user, document.application.public_id)
    # Identity documents are sensitive personal data: every view is logged, the owner's too.
    audit_record(
        context=audit_context_from_request(request, purpose="seller verification"),
        action="seller_application.download_document",
        obj=document,
    )
    with document.file.open("rb") as stored:
        content = document_bytes(stored.read())
    response = HttpResponse(content, content_type=document.content_type)
    return protect_file_response(
        response, f"document-{document.public_id}.{document.file.name.rsplit('.', 1)[-1]}"
    )


@public
@require_GET
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sellers = selectors.seller_list_public(
        province_code=filters.get("province", ""),
        seller_type=filters.get("seller_type", ""),
        query=filters.get("q", ""),
    )
    page = Paginator(sellers, 24).get_page(request.GET.get("page"))
    return render(
        request,
        "sellers/directory.html",
        {"page": page, "form": form, "provinces": province_list()},
    )


@public
@require_GET
def storefront(request, slug):
    seller = selectors.seller_get_public(slug)
    return render(request, "sellers/storefront.html", {"seller": seller})


def _current_seller(request):
    membership = selectors.membership_for_user(request.user)
    if membership is None:
        raise PermissionDenied
    return membership


def _dashboard(
    request,
    membership,
    *,
    invite_form: InviteStaffForm | None = None,
    profile_form: SellerProfileForm | None = None,
):
    """The shop dashboard; a form given back with its errors answers 400."""
    seller = membership.seller
    return render(
        request,
        "sellers/dashboard.html",
        {
            "seller": seller,
            "membership": membership,
            "members": selectors.seller_members(seller),
            "invite_form": InviteStaffForm() if invite_form is None else invite_form,
            "profile_form": SellerProfileForm(
                initial={"description": seller.description, "contact_phone": seller.contact_phone}
            )
            if profile_form is None
            else profile_form,
        },
        status=200 if invite_form is None and profile_form is None else 400,
    )


@roles_required([Role.SELLER])
@require_GET
def dashboard(request):
    membership = _current_seller(request)
    return _dashboard(request, membership)


@roles_required([Role.SELLER])
@require_POST
def profile_update(request):
    membership = _current_seller(request)
    form = SellerProfileForm(request.POST, request.FILES)
    if form.is_valid():
        services.seller_profile_update(
            seller=membership.seller,
            actor=request.user,
            description=form.cleaned_data["description"],
            contact_phone=form.cleaned_data["contact_phone"],
            logo=form.cleaned_data["logo"],
            context=audit_context_from_request(request),
        )
        messages.success(request, _("Shop profile saved."))
        return redirect("sellers:dashboard")
    return _dashboard(request, membership, profile_form=form)


@roles_required([Role.SELLER])
@require_POST
def staff_invite(request):
    membership = _current_seller(request)
    if not selectors.is_seller_owner(request.user, membership.seller):
        raise PermissionDenied
    form = InviteStaffForm(request.POST)
    if form.is_valid():
        try:
            services.seller_staff_invite(
                seller=membership.seller,
                inviter=request.user,
                email=form.cleaned_data["email"],
                context=audit_context_from_request(request),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("email", message)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("sellers:dashboard")
    return _dashboard(request, membership, invite_form=form)


@roles_required([Role.SELLER])
@require_POST
def staff_remove(request, member_id: int):
    membership = _current_seller(request)
    if not selectors.is_seller_owner(request.user, membership.seller):
        raise PermissionDenied
    removed = services.seller_member_remove(
        seller=membership.seller, member_id=member_id, context=audit_context_from_request(request)
    )
    if not removed:
        raise Http404
    return redirect("sellers:dashboard")


@signed_in
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    if request.method == "POST":
        try:
            member = services.seller_invitation_accept(
                token=token, user=request.user, context=audit_context_from_request(request)
            )
        except ValidationError as error:
            return render(
                request, "sellers/invitation.html", {"error": error.messages[0]}, status=400
            )
        messages.success(request, _("You joined %(name)s.") % {"name": member.seller.name})
        return redirect("sellers:dashboard")
    return render(request, "sellers/invitation.html", {"token": token})
