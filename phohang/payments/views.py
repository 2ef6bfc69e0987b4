import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.client import address_bucket, client_address
from phohang.core.jobs import file_job_create
from phohang.orders import selectors as order_selectors
from phohang.orders.models import Order
from phohang.orders.services import IllegalTransition
from phohang.orders.services.state import Actor, can_transition
from phohang.sellers.selectors import seller_for_member

from . import selectors, services, vietqr, vnpay, vnpay_refund
from .forms import PayForm, PayoutForm, RefundForm, ResolveForm, StatementForm
from .models import BankTransaction, Payment, Refund
from .payouts import payout_csv, payout_rows, payout_xlsx
from .services import vnpay_ipn as ipn_service
from .services.gateway_refunds import (
    GatewayRefundRefused,
    GatewayRefundUnverified,
    sandbox_transaction_lookup,
)
from .services.ledger import ledger_totals
from .services.statements import MAX_BYTES as STATEMENT_MAX_BYTES


@signed_in
@require_http_methods(["GET", "POST"])
def pay(request, public_id):
    checkout = order_selectors.checkout_get_for_buyer(request.user, public_id)
    orders = order_selectors.orders_for_checkout(checkout)
    form = PayForm(request.POST or None, initial={"method": checkout.payment_method})
    payment = selectors.payment_latest_for_checkout(checkout.pk)
    method = request.POST.get("method") if request.method == "POST" else checkout.payment_method
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.payment_start(checkout=checkout, method=form.cleaned_data["method"])
        except services.PaymentError as error:
            messages.error(request, str(error))
            return redirect("payments:pay", public_id=public_id)
        if payment.method == Payment.Method.VNPAY:
            return redirect(vnpay.checkout_payment_url(request, payment, checkout.reference))
    qr = None
    awaiting = any(order.status == Order.Status.AWAITING_PAYMENT for order in orders)
    # Until the expiry task cancels the orders they still await payment, but cannot be paid.
    is_expired = bool(
        awaiting and checkout.reserved_until and checkout.reserved_until < timezone.now()
    )
    if method == "vietqr" and awaiting and not is_expired:
        try:
            payment = services.payment_start(checkout=checkout, method=Payment.Method.VIETQR)
        except services.PaymentError as error:
            messages.error(request, str(error))
        else:
            bank_bin, account = vietqr.platform_account()
            payload = vietqr.transfer_payload(
                bank_bin=bank_bin,
                account=account,
                amount_vnd=payment.amount_vnd,
                reference=payment.reference,
            )
            qr = {
                "svg": vietqr.qr_svg(payload),
                "payload": payload,
                "bin": bank_bin,
                "account": account,
            }
    return render(
        request,
        "payments/pay.html",
        {
            "checkout": checkout,
            "orders": orders,
            "form": form,
            "payment": payment,
            "qr": qr,
            "awaiting": awaiting,
            "is_expired": is_expired,
        },
    )


@signed_in
@require_GET
def payment_status(request, public_id):
    checkout = order_selectors.checkout_get_for_buyer(request.user, public_id)
    payment = selectors.payment_latest_for_checkout(checkout.pk)
    return render(
        request, "payments/partials/_status.html", {"checkout": checkout, "payment": payment}
    )


@public
@require_GET
def vnpay_return(request):
    """What the buyer sees after the gateway; only the IPN changes payment state."""
    params = request.GET.dict()
    is_genuine = vnpay.signature_is_valid(params, vnpay.credentials().hash_secret)
    payment = (
        Payment.objects.filter(reference=params.get("vnp_TxnRef", ""))
        .select_related("checkout")
        .first()
    )
    if (
        payment is not None
        and request.user.is_authenticated
        and payment.buyer_id != request.user.pk
    ):
        payment = None
    return render(
        request,
        "payments/vnpay_return.html",
        {
            "is_genuine": is_genuine,
            "payment": payment,
            "success_claimed": params.get("vnp_ResponseCode") == "00",
        },
    )


@csrf_exempt
@public
@require_GET
def vnpay_ipn(request):
    """Server-to-server callback; authenticated by its HMAC-SHA512 signature, not by CSRF."""
    source = address_bucket(client_address(request))
    query = request.META.get("QUERY_STRING", "")
    try:
        if not ipn_service.is_plausible_query(query):
            reply = services.vnpay_ipn_handle({}, duplicated=True, source=source)
            return JsonResponse(reply, status=400)
        duplicated = any(len(request.GET.getlist(key)) > 1 for key in request.GET)
        reply = services.vnpay_ipn_handle(request.GET.dict(), duplicated=duplicated, source=source)
    except ipn_service.CallbackThrottled:
        response = JsonResponse({"RspCode": "99", "Message": "Too many requests"}, status=429)
        response["Retry-After"] = str(settings.PAYMENT_CALLBACK_WINDOW_SECONDS)
        return response
    return JsonResponse(reply)


@public
@require_http_methods(["GET", "POST"])
def vnpay_sandbox_pay(request):
    """Local stand-in for VNPay's bank page: same parameters, same signatures, same IPN."""
    if not vnpay.sandbox_is_enabled():
        raise Http404
    params = (request.POST if request.method == "POST" else request.GET).dict()
    creds = vnpay.credentials()
    request_params = {k: v for k, v in params.items() if k.startswith("vnp_")}
    if not vnpay.signature_is_valid(request_params, creds.hash_secret):
        return render(request, "payments/vnpay_sandbox.html", {"invalid": True}, status=400)
    if request.method == "GET":
        return render(
            request,
            "payments/vnpay_sandbox.html",
            {
                "params": request_params,
                "amount_vnd": vnpay.amount_from_field(request_params.get("vnp_Amount", "")),
            },
        )
    approved = request.POST.get("decision") == "approve"
    callback = vnpay.callback_params(
        creds=creds,
        request_params=request_params,
        approved=approved,
        transaction_no=str(uuid.uuid4().int)[:8],
        now=timezone.now(),
    )
    # The real gateway calls the IPN server-to-server before redirecting the buyer back.
    services.vnpay_ipn_handle(callback)
    from urllib.parse import urlencode

    return redirect(f"{request_params['vnp_ReturnUrl']}?{urlencode(callback)}")


@csrf_exempt
@public
@require_POST
def vnpay_sandbox_transaction(request):
    """Local stand-in for VNPay's merchant web API (command "refund"): signed JSON both ways."""
    if not vnpay.sandbox_is_enabled():
        raise Http404
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None
    answer = vnpay_refund.sandbox_answer(
        body,
        creds=vnpay.credentials(),
        lookup=sandbox_transaction_lookup,
        now=timezone.now(),
    )
    return JsonResponse(answer)


def _order_for_party(request, public_id):
    order, side = order_selectors.order_get_for_party(request.user, public_id)
    return order, side


@signed_in
@require_POST
def order_cancel(request, public_id):
    order, side = _order_for_party(request, public_id)
    reason = request.POST.get("reason", "").strip()[:500]
    actor_kind = Actor.SELLER if side == "seller" else Actor.BUYER
    try:
        services.order_cancel_with_refund(
            order=order,
            actor=request.user,
            actor_kind=actor_kind,
            reason=reason,
            context=audit_context_from_request(request),
        )
    except services.NotAllowedToRefund as error:
        messages.error(request, str(error))
    except IllegalTransition as error:
        current = Order.objects.get(pk=order.pk)
        if current.status != order.status or not can_transition(
            current, Order.Status.CANCELLED, actor_kind
        ):
            # A second click, or a move the state machine forbids: say where the order stands.
            messages.error(
                request,
                _("This order can no longer be cancelled: it is %(status)s.")
                % {"status": current.get_status_display()},
            )
        else:
            messages.error(request, str(error) or _("This order can no longer be cancelled."))
    except (services.RefundError, services.GatewayTimeout) as error:
        messages.error(
            request,
            _("The order was cancelled, but the refund is not done yet: %(reason)s")
            % {"reason": str(error) or _("the payment provider did not answer.")},
        )
    else:
        messages.success(request, _("The order was cancelled."))
    return redirect(order.get_absolute_url())


@signed_in
@require_POST
def mark_delivered(request, public_id):
    """Seller: the carrier delivered (and collected cash on delivery). Buyer: I received it."""
    order, side = _order_for_party(request, public_id)
    try:
        if side == "seller":
            services.cod_collect(
                order=order, actor=request.user, context=audit_context_from_request(request)
            )
        else:
            from phohang.orders.services import order_mark_delivered

            order_mark_delivered(order=order, actor=request.user, actor_kind=Actor.BUYER)
    except IllegalTransition:
        messages.error(request, _("This step is not possible now."))
    else:
        messages.success(request, _("Order updated."))
    return redirect(order.get_absolute_url())


def _refund_form_with_new_key(form: RefundForm) -> RefundForm:
    data = form.data.copy()
    data["idempotency_key"] = uuid.uuid4().hex
    fresh = RefundForm(data)
    fresh.is_valid()
    return fresh


@roles_required([Role.SELLER, Role.ADMIN])
@require_http_methods(["GET", "POST"])
def refund_create(request, public_id):
    if request.user.has_role(Role.ADMIN):
        order = get_object_or_404(Order, public_id=public_id)
    else:
        order = order_selectors.order_get_for_seller(request.user, public_id)
    try:
        services.refund_permission_check(order=order, actor=request.user)
    except services.NotAllowedToRefund as error:
        raise PermissionDenied(str(error)) from error
    totals = ledger_totals(order.pk)
    suggested = (
        getattr(getattr(order, "return_request", None), "requested_vnd", 0) or totals.paid_vnd
    )
    form = RefundForm(
        request.POST or None,
        initial={
            "amount_vnd": min(suggested, totals.paid_vnd),
            "idempotency_key": uuid.uuid4().hex,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            refund = services.refund_issue(
                order=order,
                amount_vnd=form.cleaned_data["amount_vnd"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                context=audit_context_from_request(request),
            )
        except GatewayRefundRefused as error:
            form = _refund_form_with_new_key(form)
            form.add_error(None, str(error))
        except GatewayRefundUnverified as error:
            form.add_error(None, str(error))
        except services.RefundError as error:
            form.add_error("amount_vnd", str(error))
        except services.GatewayTimeout:
            form.add_error(
                None,
                _("The payment provider did not answer. Try again; you will not refund twice."),
            )
        else:
            if refund.status == Refund.Status.SUCCEEDED:
                messages.success(request, _("The refund was recorded."))
                return redirect(order.get_absolute_url())
            # The same form sent again after the gateway refused it: ask for a fresh attempt.
            form = _refund_form_with_new_key(form)
            form.add_error(None, _("This refund attempt failed earlier; send the form again."))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "payments/refund.html",
        {"form": form, "order": order, "totals": totals},
        status=status,
    )


@roles_required([Role.ADMIN])
@require_http_methods(["GET", "POST"])
def review_list(request):
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = file_job_create(
                kind="payments.statement",
                owner=request.user,
                upload=form.cleaned_data["file"],
                max_bytes=STATEMENT_MAX_BYTES,
                context=audit_context_from_request(request),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("core:file_job", public_id=job.public_id)
    return render(
        request,
        "payments/review_list.html",
        {
            "form": form,
            "transfers": selectors.transfers_to_review()[:200],
            "payments": selectors.payments_to_review()[:200],
            "resolve_form": ResolveForm(),
        },
    )


@roles_required([Role.ADMIN])
@require_POST
def transfer_resolve(request, transfer_id):
    transfer = get_object_or_404(BankTransaction, pk=transfer_id)
    form = ResolveForm(request.POST)
    reference = form.cleaned_data["payment_reference"].strip().upper() if form.is_valid() else ""
    payment = Payment.objects.filter(reference=reference).first() if reference else None
    if reference and payment is None:
        messages.error(request, _("No payment has this reference."))
        return redirect("payments:review")
    try:
        services.transfer_resolve(
            transfer=transfer,
            actor=request.user,
            credit_to=payment,
            context=audit_context_from_request(request),
        )
    except services.StatementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Transfer handled."))
    return redirect("payments:review")


@roles_required([Role.SELLER])
@require_GET
def payout_statement(request):
    seller = seller_for_member(request.user)
    if seller is None:
        raise Http404
    form = PayoutForm(request.GET or None)
    if not form.is_valid():
        return render(
            request,
            "payments/payout.html",
            {"form": form, "seller": seller},
            status=400 if request.GET else 200,
        )
    year, month = (int(part) for part in form.cleaned_data["month"].split("-"))
    rows = payout_rows(seller_id=seller.pk, year=year, month=month)
    name = f"payout-{seller.slug}-{year}-{month:02d}"
    if form.cleaned_data["format"] == "xlsx":
        response = HttpResponse(
            payout_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(payout_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
