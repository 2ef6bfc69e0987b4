from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Consent, Role
from phohang.accounts.services import consent_grant, consent_is_given, consent_withdraw
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.errors import DomainError
from phohang.core.views import protect_file_response
from phohang.geo.selectors import ward_list_for_province

from . import selectors, services
from .forms import (
    AcceptForm,
    BoardFilterForm,
    DemandForm,
    MessageForm,
    OfferForm,
    OrganisationForm,
    QuoteForm,
)
from .matching import category_family
from .models import Demand, Offer, Quote, QuoteAttachment

PAGE_SIZE = 20


def _refused(request, error: DomainError, back: str):
    """A refused action: the message in the user's language, a 4xx status, nothing changed."""
    if error.status == 404:
        raise Http404
    return render(
        request,
        "trade/refused.html",
        {"message": error.message, "back": back},
        status=error.status,
    )


@public
@require_GET
def board(request):
    """The public "Kết nối cung cầu" board: open demands and offers with filters and search."""
    form = BoardFilterForm(request.GET or None)
    filters = {"province": "", "category_ids": None, "certification": "", "query": ""}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "province": data["province"].pk if data["province"] else "",
            "category_ids": category_family(data["category"].pk) if data["category"] else None,
            "certification": data["certification"],
            "query": data["q"],
        }
    show = "offers" if request.GET.get("show") == "offers" else "demands"
    items = (
        selectors.offer_list_public(**filters)
        if show == "offers"
        else selectors.demand_list_public(**filters)
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "trade/partials/_board_results.html" if request.htmx else "trade/board.html"
    return render(request, template, {"form": form, "page": page, "show": show})


@public
@require_GET
def ward_options(request):
    """HTMX: ward <option>s for the chosen delivery province."""
    code = request.GET.get("delivery_province", "")[:2]
    wards = ward_list_for_province(code) if code.isdigit() else []
    return render(request, "geo/partials/_ward_options.html", {"wards": wards, "selected": ""})


@signed_in
@require_GET
def mine(request):
    user = request.user
    context = {
        "organisations": selectors.organisations_for_user(user),
        "demands": selectors.demand_list_for_user(user)[:50],
        "offers": selectors.offer_list_for_user(user)[:50],
        "quotes": selectors.quotes_visible_to(user).order_by("-created_at")[:50],
        "contracts": selectors.contracts_visible_to(user).order_by("-signed_at")[:50],
        "sellers": selectors.sellers_for_user(user),
        "wants_notifications": consent_is_given(user=user, purpose=Consent.Purpose.MATCHING),
    }
    return render(request, "trade/mine.html", context)


@signed_in
@require_POST
def notification_preference(request):
    """Opt in to or out of matching notifications (consent purpose MATCHING)."""
    if request.POST.get("notify") == "on":
        if not consent_is_given(user=request.user, purpose=Consent.Purpose.MATCHING):
            consent_grant(user=request.user, purpose=Consent.Purpose.MATCHING)
        messages.success(request, _("You will be told about matching partners."))
    else:
        consent_withdraw(user=request.user, purpose=Consent.Purpose.MATCHING)
        messages.success(request, _("You will no longer be told about matches."))
    return redirect("trade:mine")


@signed_in
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_create(
                user=request.user,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                province_id=form.cleaned_data["province"].pk,
                tax_code=form.cleaned_data["tax_code"],
            )
        except DomainError as error:
            form.add_trade_error(error)
        else:
            messages.success(request, _("Your organisation is registered."))
            return redirect("trade:demand_create")
    status = 400 if request.method == "POST" else 200
    return render(request, "trade/organisation_form.html", {"form": form}, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def demand_create(request):
    organisations = selectors.organisations_for_user(request.user)
    if not organisations.exists():
        return redirect("trade:organisation_create")
    initial = {"organisation": organisations.first(), "product": request.GET.get("product")}
    form = DemandForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            demand = services.demand_create(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                data=form.to_data(),
                wants_notifications=form.cleaned_data["wants_notifications"],
            )
        except DomainError as error:
            form.add_trade_error(error)
        else:
            messages.success(
                request, _("Your demand is posted; matching suppliers are being found.")
            )
            return redirect("trade:demand_detail", public_id=demand.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "trade/demand_form.html", {"form": form, "demand": None}, status=status)


@public
@require_GET
def demand_detail(request, public_id):
    user = request.user
    demand = selectors.demand_get_for_user(user, public_id)
    is_member = services.is_organisation_member(user, demand.organisation)
    if not is_member and selectors.is_trade_overseer(user) and demand.visibility == "invited":
        audit_record(
            context=audit_context_from_request(request, purpose="oversight"),
            action="trade.demand.view",
            obj=demand,
        )
    seller_ids = selectors.seller_ids_for_user(user)
    own_quote = selectors.quote_for_seller(demand, seller_ids) if seller_ids else None
    can_quote = bool(seller_ids) and not is_member and own_quote is None
    can_quote = can_quote and demand.accepts_quotes_on(timezone.localdate())
    context = {
        "demand": demand,
        "is_member": is_member,
        "own_quote": own_quote,
        "quote_form": QuoteForm() if can_quote else None,
        "matches": selectors.matches_for_demand(demand)[:20] if is_member else None,
        "job": selectors.matching_job_latest(demand=demand) if is_member else None,
        "quote_count": demand.quotes.count() if is_member else None,
        "history": selectors.history_for(demand) if is_member else None,
    }
    return render(request, "trade/demand_detail.html", context)


@signed_in
@require_GET
def demand_quotes(request, public_id):
    """Side-by-side comparison of the quotes on one's own demand."""
    demand = selectors.demand_get_for_member(request.user, public_id)
    quotes = list(selectors.quotes_for_demand(demand))
    return render(
        request,
        "trade/demand_quotes.html",
        {"demand": demand, "quotes": quotes, "today": timezone.localdate()},
    )


@roles_required([Role.SELLER])
@require_POST
def quote_submit(request, public_id):
    demand = selectors.demand_get_for_user(request.user, public_id)
    sellers = selectors.sellers_for_user(request.user)
    seller = sellers.filter(pk=request.POST.get("seller") or 0).first() or sellers.first()
    form = QuoteForm(request.POST, request.FILES)
    if form.is_valid():
        offer = demand.matches.filter(offer__seller=seller).order_by("-score").first()
        try:
            quote = services.quote_submit(
                user=request.user,
                seller=seller,
                demand=demand,
                data=form.to_data(offer_id=offer.offer_id if offer else None),
                attachments=form.cleaned_data["attachments"],
            )
        except DomainError as error:
            if error.status == 404:
                raise Http404 from error
            form.add_trade_error(error)
            status = error.status
        else:
            messages.success(request, _("Your quote was sent to the buyer."))
            return redirect("trade:quote_detail", public_id=quote.public_id)
    else:
        status = 400
    context = {
        "demand": demand,
        "is_member": False,
        "own_quote": None,
        "quote_form": form,
        "matches": None,
    }
    return render(request, "trade/demand_detail.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def quote_detail(request, public_id):
    quote = selectors.quote_get_for_user(request.user, public_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.quote_message_post(
                user=request.user, quote=quote, body=form.cleaned_data["body"]
            )
        except DomainError as error:
            return _refused(request, error, request.path)
        return redirect("trade:quote_detail", public_id=quote.public_id)
    is_buyer = services.is_organisation_member(request.user, quote.demand.organisation)
    context = {
        "quote": quote,
        "is_buyer": is_buyer,
        "is_supplier": services.is_seller_member(request.user, quote.seller),
        "thread": quote.messages.select_related("author"),
        "form": form,
        "accept_form": AcceptForm(
            initial={"quantity": min(quote.quantity, quote.demand.remaining_quantity)}
        ),
        "contract": getattr(quote, "contract", None)
        if quote.status == Quote.Status.ACCEPTED
        else None,
        "history": selectors.history_for(quote),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "trade/quote_detail.html", context, status=status)


@signed_in
@require_POST
def quote_accept(request, public_id):
    quote = selectors.quote_get_for_user(request.user, public_id)
    form = AcceptForm(request.POST)
    back = reverse("trade:demand_quotes", kwargs={"public_id": quote.demand.public_id})
    if not form.is_valid():
        return _refused(request, DomainError("invalid", _("Enter the quantity to accept.")), back)
    try:
        contract = services.quote_accept(
            user=request.user,
            quote=quote,
            quantity=form.cleaned_data["quantity"],
            context=audit_context_from_request(request),
        )
    except DomainError as error:
        return _refused(request, error, back)
    messages.success(request, _("Quote accepted: the supply contract is signed."))
    return redirect("trade:contract_detail", public_id=contract.public_id)


@signed_in
@require_POST
def quote_reject(request, public_id):
    quote = selectors.quote_get_for_user(request.user, public_id)
    try:
        services.quote_reject(
            user=request.user, quote=quote, context=audit_context_from_request(request)
        )
    except DomainError as error:
        return _refused(request, error, request.path)
    return redirect("trade:demand_quotes", public_id=quote.demand.public_id)


@signed_in
@require_POST
def quote_withdraw(request, public_id):
    quote = selectors.quote_get_for_user(request.user, public_id)
    try:
        services.quote_withdraw(user=request.user, quote=quote)
    except DomainError as error:
        return _refused(request, error, request.path)
    messages.success(request, _("Your quote is withdrawn."))
    return redirect("trade:quote_detail", public_id=quote.public_id)


@signed_in
@require_GET
def attachment_download(request, public_id):
    attachment = QuoteAttachment.objects.filter(public_id=public_id).select_related("quote").first()
    if attachment is None:
        raise Http404
    selectors.quote_get_for_user(request.user, attachment.quote.public_id)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    # The stored name is server-generated (uuid.ext), so it is safe inside the header.
    return protect_file_response(response, attachment.file.name.rsplit("/", 1)[-1])


@roles_required([Role.SELLER])
@require_http_methods(["GET", "POST"])
def offer_create(request):
    sellers = selectors.sellers_for_user(request.user)
    first = sellers.first()
    initial = {"seller": first, "origin_province": first.province if first else None}
    form = OfferForm(request.POST or None, sellers=sellers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(
                user=request.user,
                seller=form.cleaned_data["seller"],
                data=form.to_data(),
                wants_notifications=form.cleaned_data["wants_notifications"],
            )
        except DomainError as error:
            form.add_trade_error(error)
        else:
            messages.success(request, _("Your offer is posted; matching buyers are being found."))
            return redirect("trade:offer_detail", public_id=offer.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "trade/offer_form.html", {"form": form, "offer": None}, status=status)


@public
@require_GET
def offer_detail(request, public_id):
    offer = selectors.offer_get_for_user(request.user, public_id)
    is_member = services.is_seller_member(request.user, offer.seller)
    context = {
        "offer": offer,
        "is_member": is_member,
        "matches": selectors.matches_for_offer(offer)[:20] if is_member else None,
        "job": selectors.matching_job_latest(offer=offer) if is_member else None,
    }
    return render(request, "trade/offer_detail.html", context)


@signed_in
@require_GET
def contract_detail(request, public_id):
    contract = selectors.contract_get_for_user(request.user, public_id)
    context = {
        "contract": contract,
        "deliveries": contract.deliveries.all(),
        "is_buyer": services.is_organisation_member(request.user, contract.organisation),
        "is_supplier": services.is_seller_member(request.user, contract.seller),
        "history": selectors.history_for(contract),
    }
    return render(request, "trade/contract_detail.html", context)


@signed_in
@require_POST
def delivery_update(request, public_id, sequence, action):
    delivery = selectors.delivery_get_for_user(request.user, public_id, sequence)
    service = {
        "shipped": services.delivery_mark_shipped,
        "received": services.delivery_mark_received,
    }.get(action)
    if service is None:
        raise Http404
    try:
        service(user=request.user, delivery=delivery, context=audit_context_from_request(request))
    except DomainError as error:
        return _refused(
            request, error, reverse("trade:contract_detail", kwargs={"public_id": public_id})
        )
    return redirect("trade:contract_detail", public_id=public_id)


@dataclass(frozen=True)
class PostingPages:
    """What the edit, status and matching pages of a demand or an offer need to know."""

    name: str  # "demand": template trade/demand_form.html, context key "demand"
    model: type[Demand] | type[Offer]
    form: type[DemandForm] | type[OfferForm]
    form_options: Callable[[HttpRequest], dict]
    get_for_member: Callable
    update: Callable
    set_status: Callable
    matches: Callable
    updated: str
    status_changed: str


DEMAND_PAGES = PostingPages(
    name="demand",
    model=Demand,
    form=DemandForm,
    form_options=lambda request: {"user": request.user},
    get_for_member=selectors.demand_get_for_member,
    update=lambda *, user, posting, data: services.demand_update(
        user=user, demand=posting, data=data
    ),
    set_status=lambda *, user, posting, status, context: services.demand_set_status(
        user=user, demand=posting, status=status, context=context
    ),
    matches=selectors.matches_for_demand,
    updated=gettext_lazy("The demand is updated and matched again."),
    status_changed=gettext_lazy("The demand is now: %(status)s"),
)
OFFER_PAGES = PostingPages(
    name="offer",
    model=Offer,
    form=OfferForm,
    form_options=lambda request: {"sellers": selectors.sellers_for_user(request.user)},
    get_for_member=selectors.offer_get_for_member,
    update=lambda *, user, posting, data: services.offer_update(
        user=user, offer=posting, data=data
    ),
    set_status=lambda *, user, posting, status, context: services.offer_set_status(
        user=user, offer=posting, status=status
    ),
    matches=selectors.matches_for_offer,
    updated=gettext_lazy("The offer is updated and matched again."),
    status_changed=gettext_lazy("The offer is now: %(status)s"),
)


def _edit_view(pages: PostingPages):
    @signed_in
    @require_http_methods(["GET", "POST"])
    def edit(request, public_id):
        posting = pages.get_for_member(request.user, public_id)
        initial = pages.form.initial_for(posting)
        form = pages.form(request.POST or None, initial=initial, **pages.form_options(request))
        if request.method == "POST" and form.is_valid():
            try:
                pages.update(user=request.user, posting=posting, data=form.to_data())
            except DomainError as error:
                form.add_trade_error(error)
            else:
                messages.success(request, pages.updated)
                return redirect(posting.get_absolute_url())
        status = 400 if request.method == "POST" else 200
        context = {"form": form, pages.name: posting}
        return render(request, f"trade/{pages.name}_form.html", context, status=status)

    return edit


def _status_view(pages: PostingPages):
    @signed_in
    @require_POST
    def set_status(request, public_id):
        posting = pages.get_for_member(request.user, public_id)
        target = request.POST.get("status", "")
        if target not in pages.model.Status.values:
            raise Http404
        try:
            pages.set_status(
                user=request.user,
                posting=posting,
                status=target,
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            return _refused(request, error, posting.get_absolute_url())
        messages.success(request, pages.status_changed % {"status": posting.get_status_display()})
        return redirect(posting.get_absolute_url())

    return set_status


def _matching_view(pages: PostingPages):
    @signed_in
    @require_GET
    def matching(request, public_id):
        """HTMX partial: matching progress and the ranked matches; polled while the job runs."""
        posting = pages.get_for_member(request.user, public_id)
        context = {
            pages.name: posting,
            "job": selectors.matching_job_latest(**{pages.name: posting}),
            "matches": pages.matches(posting)[:20],
            "side": pages.name,
        }
        return render(request, "trade/partials/_matches.html", context)

    return matching


demand_edit = _edit_view(DEMAND_PAGES)
demand_status = _status_view(DEMAND_PAGES)
demand_matching = _matching_view(DEMAND_PAGES)
offer_edit = _edit_view(OFFER_PAGES)
offer_status = _status_view(OFFER_PAGES)
offer_matching = _matching_view(OFFER_PAGES)
