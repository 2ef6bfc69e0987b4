"""Live selling pages: the public stream page, the shop's sessions, and the staff stop button."""

from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import User
from phohang.catalog.models import Product
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound
from phohang.orders import selectors as order_selectors
from phohang.orders import services as order_services
from phohang.orders.forms import CheckoutForm
from phohang.orders.models import PaymentMethod

from . import comments, selectors, services
from .forms import (
    BuyForm,
    CommentForm,
    DocumentsForm,
    PinForm,
    ReasonForm,
    ScheduleForm,
    StreamerForm,
)
from .models import LiveSession

STAFF_ROLES = [str(role) for role in services.MODERATOR_ROLES]


def _not_found(view):
    """Services' NotFound answers the site's 404 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404 from error

    return wrapper


def _csp(request, session: LiveSession) -> str:
    """The page policy, plus the session's player host as the only frame source and this
    host's WebSocket for the live connection (this page only)."""
    scheme = "wss" if request.is_secure() else "ws"
    player_host = urlsplit(session.player_url).hostname or "'none'"
    frame = f"https://{player_host}" if player_host != "'none'" else player_host
    return (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"connect-src 'self' {scheme}://{request.get_host()}; frame-src {frame}; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


@public
@require_GET
def index(request):
    return render(request, "livestream/index.html", selectors.session_list_public())


def _watch_context(request, session: LiveSession) -> dict:
    user = request.user
    member = selectors.membership(user, session.seller_id)
    is_staff = services.is_live_staff(user, session)
    moderates = member is not None or is_staff or user.pk == session.host_id
    return {
        "session": session,
        "presenter": selectors.presenter_identity(session),
        "complaint_notices": selectors.complaint_notices(session) if moderates else None,
        "pins": selectors.pins_active(session),
        "comments": selectors.comments_recent(session),
        "comment_form": CommentForm(),
        "is_member": member is not None,
        "is_host": user.is_authenticated and user.pk == session.host_id,
        "is_staff": is_staff,
        "stop_form": ReasonForm(),
        "documents_form": DocumentsForm(),
        "pin_form": PinForm(),
        "products": list(selectors.products_to_pin(session.seller)[:200])
        if member is not None or user.is_authenticated and user.pk == session.host_id
        else [],
        "live_url": f"/ws/live/{session.public_id}/",
    }


@public
@require_GET
@_not_found
def watch(request, public_id):
    session = selectors.session_get_public(public_id)
    response = render(request, "livestream/watch.html", _watch_context(request, session))
    response["Content-Security-Policy"] = _csp(request, session)
    return response


@signed_in
@require_GET
@_not_found
def complaints(request, public_id):
    """The complaints filed during the session, for its presenter, the shop and moderators."""
    session = selectors.session_get_public(public_id)
    user = request.user
    allowed = (
        user.pk == session.host_id
        or selectors.membership(user, session.seller_id) is not None
        or services.is_live_staff(user, session)
    )
    if not allowed:
        raise Http404
    return render(
        request,
        "livestream/partials/_complaints.html",
        {
            "session": session,
            "complaint_notices": selectors.complaint_notices(session),
            "is_staff": services.is_live_staff(user, session),
        },
    )


@public
@require_GET
@_not_found
def pins(request, public_id):
    session = selectors.session_get_public(public_id)
    return render(
        request,
        "livestream/partials/_pins.html",
        {"session": session, "pins": selectors.pins_active(session), "oob": True},
    )


def _back(session):
    return redirect(session.get_absolute_url())


def _run(request, session, action, success: str):
    """Call a service, show its refusal or `success`, and go back to the session page."""
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if success:
            messages.success(request, success)
    return _back(session)


@signed_in
@require_POST
@_not_found
def comment(request, public_id):
    """Comment without the live connection (it also arrives over the WebSocket)."""
    session = selectors.session_get_public(public_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return _back(session)
    return _run(
        request,
        session,
        lambda: comments.comment_post(
            session=session, author=request.user, body=form.cleaned_data["body"]
        ),
        "",
    )


@signed_in
@require_POST
@_not_found
def documents(request, public_id):
    session = selectors.session_get_for_seller(request.user, public_id)
    if selectors.membership(request.user, session.seller_id) is None:
        raise Http404
    form = DocumentsForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return _run(
        request,
        session,
        lambda: services.documents_confirm(
            session=session,
            business_conditions=bool(data.get("business_conditions")),
            product_quality=bool(data.get("product_quality")),
            advertising=data.get("advertising") or "",
            context=audit_context_from_request(request),
        ),
        _("Documents confirmed."),
    )


def _presenter_action(request, public_id, action, success: str, *, members_only: bool = False):
    """A presenter's or the shop's move of the session (`action(session, user, context)`)."""
    session = selectors.session_get_for_seller(request.user, public_id)
    if members_only and selectors.membership(request.user, session.seller_id) is None:
        raise Http404
    context = audit_context_from_request(request)
    return _run(
        request,
        session,
        lambda: action(session=session, user=request.user, context=context),
        success,
    )


@signed_in
@require_POST
@_not_found
def go_live(request, public_id):
    return _presenter_action(request, public_id, services.session_go_live, _("You are live."))


@signed_in
@require_POST
@_not_found
def end(request, public_id):
    return _presenter_action(request, public_id, services.session_end, _("The session has ended."))


@signed_in
@require_POST
@_not_found
def cancel(request, public_id):
    return _presenter_action(
        request,
        public_id,
        services.session_cancel,
        _("The session was cancelled."),
        members_only=True,
    )


@signed_in
@require_POST
@_not_found
def pin(request, public_id):
    session = selectors.session_get_for_seller(request.user, public_id)
    form = PinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a product to pin."))
        return _back(session)
    product = Product.objects.filter(
        public_id=form.cleaned_data["product"], seller_id=session.seller_id
    ).first()
    if product is None:
        raise Http404
    return _run(
        request,
        session,
        lambda: services.pin_add(
            session=session,
            product=product,
            warning=form.cleaned_data["warning"],
            user=request.user,
        ),
        _("Product pinned."),
    )


@signed_in
@require_POST
@_not_found
def unpin(request, public_id, pin_id):
    session = selectors.session_get_for_seller(request.user, public_id)
    live_pin = selectors.pin_get(session, pin_id)
    return _run(request, session, lambda: services.pin_remove(pin=live_pin), "")


@roles_required(STAFF_ROLES)
@require_POST
@_not_found
def stop(request, public_id):
    session = selectors.session_get_public(public_id)
    if not services.is_live_staff(request.user, session):
        raise Http404
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _run(
        request,
        session,
        lambda: services.session_stop(
            session=session,
            user=request.user,
            reason=reason,
            context=audit_context_from_request(request, purpose="livestream stop"),
        ),
        _("The session was stopped for every viewer."),
    )


@roles_required(STAFF_ROLES)
@require_POST
@_not_found
def comment_hide(request, comment_id):
    live_comment = selectors.comment_get(comment_id)
    if not services.is_live_staff(request.user, live_comment.session):
        raise Http404
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _run(
        request,
        live_comment.session,
        lambda: comments.comment_hide(
            comment=live_comment, reason=reason, context=audit_context_from_request(request)
        ),
        _("The comment is hidden."),
    )


def _buy_form(request, data=None):
    initial = order_selectors.checkout_prefill(request.user)
    initial["payment_method"] = PaymentMethod.COD
    return CheckoutForm(
        data, initial=initial, payment_methods=order_services.payment_methods_enabled()
    )


@signed_in
@require_POST
@_not_found
def cart_add(request, public_id, pin_id):
    session = selectors.session_get_public(public_id)
    live_pin = selectors.pin_get(session, pin_id)
    form = BuyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Quantity must be a whole number of at least 1."))
        return _back(session)
    return _run(
        request,
        session,
        lambda: services.live_cart_add(
            cart=order_services.cart_get_or_create(user=request.user),
            pin=live_pin,
            variant_id=form.cleaned_data["variant"],
            quantity=form.cleaned_data["quantity"],
        ),
        _("Added to your cart."),
    )


@signed_in
@require_http_methods(["GET", "POST"])
@_not_found
def buy(request, public_id, pin_id):
    """Buy now ("Mua ngay") from the stream: the quantity, an address, and the order is placed."""
    session = selectors.session_get_public(public_id)
    live_pin = selectors.pin_get(session, pin_id)
    variants = list(live_pin.product.variants.all())
    chosen = BuyForm(request.POST or request.GET or None)
    choice = chosen.cleaned_data if chosen.is_valid() else {}
    variant = next(
        (v for v in variants if v.pk == choice.get("variant")), variants[0] if variants else None
    )
    if variant is None:
        raise Http404
    form = _buy_form(request, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and choice:
            data = form.cleaned_data
            try:
                placed = services.live_buy(
                    pin=live_pin,
                    variant_id=variant.pk,
                    quantity=choice["quantity"],
                    buyer=request.user,
                    street=data["street"],
                    ward=data["ward"],
                    province=data["province"],
                    recipient_name=data["recipient_name"],
                    recipient_phone=data["recipient_phone"],
                    payment_method=data["payment_method"],
                )
            except DomainError as error:
                messages.error(request, str(error.message))
            else:
                if placed.payment_method == PaymentMethod.COD:
                    messages.success(request, _("Thank you! Your order is confirmed."))
                    return redirect("orders:checkout_done", public_id=placed.public_id)
                return redirect("payments:pay", public_id=placed.public_id)
        status = 400
    return render(
        request,
        "livestream/buy.html",
        {
            "session": session,
            "pin": live_pin,
            "variants": variants,
            "variant": variant,
            "quantity": choice.get("quantity", 1),
            "form": form,
        },
        status=status,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def manage(request):
    """The shop's sessions and streamers, and the form to schedule a session."""
    seller = selectors.seller_of(request.user)
    if seller is None:
        return render(
            request,
            "livestream/manage.html",
            {"seller": None, "presented": selectors.sessions_presented_by(request.user)},
        )
    presenters = selectors.presenters_for(seller)
    form = ScheduleForm(request.POST or None, presenters=presenters)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            host = next(user for user in presenters if user.pk == data["host"])
            try:
                session = services.session_schedule(
                    seller=seller,
                    host=host,
                    title=data["title"],
                    description=data["description"],
                    scheduled_start=data["scheduled_start"],
                    scheduled_end=data["scheduled_end"],
                    player_url=data["player_url"],
                    context=audit_context_from_request(request),
                )
            except DomainError as error:
                form.add_error(error.field or None, str(error.message))
            else:
                messages.success(request, _("Session scheduled."))
                return redirect(session.get_absolute_url())
        status = 400
    return render(
        request,
        "livestream/manage.html",
        {
            "seller": seller,
            "may_stream": services.seller_may_stream(seller),
            "form": form,
            "sessions": selectors.session_list_for_seller(seller)[:100],
            "streamers": selectors.streamer_list(seller),
            "streamer_form": StreamerForm(),
            "presented": selectors.sessions_presented_by(request.user),
        },
        status=status,
    )


@signed_in
@require_POST
def streamer_register(request):
    seller = selectors.seller_of(request.user)
    if seller is None:
        raise Http404
    form = StreamerForm(request.POST)
    user = None
    if form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
    if user is None:
        messages.error(request, _("No account uses this email address."))
        return redirect("livestream:manage")
    try:
        services.streamer_register(
            seller=seller,
            user=user,
            display_name=form.cleaned_data["display_name"],
            context=audit_context_from_request(request),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Streamer registered; they can go live once verified."))
    return redirect("livestream:manage")


@roles_required(STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def streamers_review(request):
    """Authority staff check streamers' identity (manual review)."""
    rows = selectors.streamers_to_verify(request.user.province_scope)
    if request.method == "POST":
        picked = request.POST.get("streamer", "")
        streamer = rows.filter(pk=int(picked)).first() if picked.isdigit() else None
        if streamer is None:
            raise Http404
        services.streamer_verify(streamer=streamer, context=audit_context_from_request(request))
        messages.success(request, _("Streamer verified."))
        return redirect("livestream:streamers_review")
    return render(request, "livestream/streamers_review.html", {"streamers": rows[:200]})
