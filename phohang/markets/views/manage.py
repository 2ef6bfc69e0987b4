"""Pages of a market's managing board and its traders: consignments, QR labels, traders, prices."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.core.access import signed_in
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.errors import DomainError
from phohang.core.models import FileJob
from phohang.core.views import protect_file_response

from .. import selectors, services
from ..forms import (
    CheckDocumentForm,
    ConsignmentForm,
    ConsignmentProductForm,
    PriceForm,
    PriceUploadForm,
    TraderForm,
)
from ..models import Consignment, PriceReport
from ..services.consignments import CONSIGNMENT, MANAGER
from .common import act, found
from .public import trace_qr_svg


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


@signed_in
@require_GET
def manage_home(request):
    """The markets the user manages and the stalls they report prices for."""
    markets = list(selectors.markets_managed_by(request.user).order_by("name"))
    reporting = services.markets_reported_by(request.user)
    if not markets and not reporting:
        raise Http404
    return render(request, "markets/manage_home.html", {"markets": markets, "reporting": reporting})


@signed_in
@require_GET
def manage_market(request, slug):
    market = found(selectors.market_get_managed, request.user, slug)
    today = timezone.localdate()
    context = {
        "market": market,
        "consignments": selectors.consignments_of(market)[:50],
        "traders": market.traders.order_by("stall")[:300],
        "throughput": selectors.throughput(end=today, days=7, market=market),
    }
    return render(request, "markets/manage_market.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def consignment_create(request, slug):
    market = found(selectors.market_get_managed, request.user, slug)
    form = ConsignmentForm(request.POST or None, request.FILES or None, market=market)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        document = data.pop("check_document", None)
        try:
            consignment = services.consignment_register(
                market=market,
                data=data,
                check_document=document,
                user=request.user,
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Consignment registered with code %(code)s.") % {"code": consignment.code},
            )
            return redirect(consignment.get_absolute_url())
    status = 422 if form.is_bound else 200
    context = {"market": market, "form": form}
    return render(request, "markets/consignment_form.html", context, status=status)


def _consignment_context(request, consignment: Consignment) -> dict:
    return {
        "consignment": consignment,
        "market": consignment.market,
        "events": [
            (
                event,
                Consignment.Status(event.from_status).label if event.from_status else "",
                Consignment.Status(event.to_status).label,
            )
            for event in consignment.events.select_related("actor").order_by("created_at", "id")
        ],
        "targets": [
            (status, Consignment.Status(status).label)
            for status in dict.fromkeys(CONSIGNMENT.targets(consignment, MANAGER))
        ],
        "product_form": ConsignmentProductForm(
            consignment=consignment, initial={"product": consignment.product_id}
        ),
        "check_form": CheckDocumentForm(),
    }


@signed_in
@require_GET
def consignment_detail(request, public_id):
    consignment = found(selectors.consignment_get_for, request.user, public_id)
    return render(
        request, "markets/consignment_detail.html", _consignment_context(request, consignment)
    )


@signed_in
@require_POST
def consignment_move(request, public_id):
    consignment = found(selectors.consignment_get_for, request.user, public_id)
    to = request.POST.get("to", "")
    if to not in Consignment.Status.values:
        raise Http404
    act(
        request,
        lambda: services.consignment_move(
            consignment=consignment,
            to=to,
            user=request.user,
            note=request.POST.get("note", "")[:200],
            context=audit_context_from_request(request),
        ),
        done=_("Status changed."),
    )
    return redirect(consignment.get_absolute_url())


@signed_in
@require_POST
def consignment_check(request, public_id):
    consignment = found(selectors.consignment_get_for, request.user, public_id)
    form = CheckDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.consignment_check_attach(
            consignment=consignment,
            document=form.cleaned_data["check_document"],
            context=audit_context_from_request(request),
        )
        messages.success(request, _("The check result is attached."))
    else:
        messages.error(request, " ".join(form.errors.get("check_document", [])))
    return redirect(consignment.get_absolute_url())


@signed_in
@require_POST
def consignment_product(request, public_id):
    consignment = found(selectors.consignment_get_for, request.user, public_id)
    form = ConsignmentProductForm(request.POST, consignment=consignment)
    if form.is_valid():
        act(
            request,
            lambda: services.consignment_link_product(
                consignment=consignment,
                product=form.cleaned_data["product"],
                context=audit_context_from_request(request),
            ),
            done=_("The product page now shows this lot's trace."),
        )
    else:
        messages.error(request, _("Choose one of the producer's products."))
    return redirect(consignment.get_absolute_url())


@signed_in
@require_GET
def consignment_label(request, public_id):
    """A printable label: the QR code of the trace page, the code and the essentials."""
    consignment = found(selectors.consignment_get_for, request.user, public_id)
    qr = trace_qr_svg(request, consignment).decode()
    context = {"consignment": consignment, "qr": qr}
    return render(request, "markets/consignment_label.html", context)


@signed_in
@require_GET
def consignment_document(request, public_id):
    """The check result, only to the market's managing board (it may name people)."""
    consignment = found(selectors.consignment_get_for, request.user, public_id)
    if not consignment.check_document:
        raise Http404
    extension = consignment.check_document.name.rsplit(".", 1)[-1]
    content_type = {
        "pdf": "application/pdf",
        "jpg": "image/jpeg",
        "png": "image/png",
        "webp": "image/webp",
    }.get(extension)
    if content_type is None:
        raise Http404
    audit_record(
        context=audit_context_from_request(request, purpose="check result"),
        action="markets.consignment.document_viewed",
        obj=consignment,
    )
    response = FileResponse(consignment.check_document.open("rb"), content_type=content_type)
    return protect_file_response(response, f"{consignment.code}.{extension}")


@signed_in
@require_http_methods(["GET", "POST"])
def trader_add(request, slug):
    market = found(selectors.market_get_managed, request.user, slug)
    form = TraderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        user = data.pop("user_email")
        try:
            services.trader_create(
                market=market,
                data=data,
                users=[user] if user else [],
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The trader is added."))
            return redirect("markets:manage_market", slug=market.slug)
    status = 422 if form.is_bound else 200
    context = {"market": market, "form": form}
    return render(request, "markets/trader_form.html", context, status=status)


def _reporting(request):
    markets = services.markets_reported_by(request.user)
    if not markets:
        raise Http404
    return markets


@signed_in
@require_http_methods(["GET", "POST"])
def price_entry(request):
    """A manager or a trader reports one price (a second report of the day corrects it)."""
    markets = _reporting(request)
    initial = {"day": timezone.localdate()}
    if len(markets) == 1:
        initial["market"] = markets[0]
    form = PriceForm(request.POST or None, markets=markets, initial=initial)
    if request.method == "POST":
        # Another market's id is refused by the service, with a message naming the user's own.
        market_id = request.POST.get("market", "")
        other = (
            selectors.Market.objects.filter(pk=market_id).first() if market_id.isdigit() else None
        )
        if other is not None and other not in markets:
            form.fields["market"].queryset = selectors.Market.objects.filter(
                pk__in=[m.pk for m in markets] + [other.pk]
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.price_report(
                    user=request.user,
                    market=data["market"],
                    product=data["product"],
                    day=data["day"],
                    min_vnd=data["min_vnd"],
                    typical_vnd=data["typical_vnd"],
                    max_vnd=data["max_vnd"],
                    source=PriceReport.Source.FORM,
                    context=audit_context_from_request(request),
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                if report.revision > 1:
                    messages.success(request, _("Price corrected; the previous one is kept."))
                else:
                    messages.success(request, _("Price saved."))
                return redirect("markets:price_entry")
    status = 422 if form.is_bound and form.errors else 200
    today = timezone.localdate()
    recent = (
        PriceReport.objects.filter(market__in=markets, day=today)
        .select_related("product", "market")
        .order_by("-updated_at")[:20]
    )
    context = {"form": form, "markets": markets, "recent": recent}
    return render(request, "markets/price_entry.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def price_upload(request):
    """Upload a day's prices as CSV or XLSX; runs as a file job with progress."""
    markets = _reporting(request)
    initial = {"day": timezone.localdate()}
    if len(markets) == 1:
        initial["market"] = markets[0]
    form = PriceUploadForm(request.POST or None, request.FILES or None, markets=markets)
    if not form.is_bound:
        form = PriceUploadForm(markets=markets, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.price_upload_start(
                upload=form.cleaned_data["file"],
                market=form.cleaned_data["market"],
                day=form.cleaned_data["day"],
                user=request.user,
                context=audit_context_from_request(request),
            )
        except ValidationError as error:
            form.add_error("file", error)
        except DomainError as error:
            _form_error(form, error)
        else:
            return redirect("core:file_job", public_id=job.public_id)
    job = None
    try:
        job_id = uuid.UUID(request.GET.get("job", ""))
    except ValueError:
        job_id = None
    if job_id is not None:
        job = FileJob.objects.filter(
            public_id=job_id, owner=request.user, kind="markets.prices"
        ).first()
    language = (request.LANGUAGE_CODE or "vi")[:2]
    errors = [
        {"row": error["row"], "text": error.get(language) or error.get("vi", "")}
        for error in (job.result.get("errors", []) if job else [])
    ]
    status = 422 if form.is_bound and form.errors else 200
    context = {"form": form, "job": job, "errors": errors}
    return render(request, "markets/price_upload.html", context, status=status)
