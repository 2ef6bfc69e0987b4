"""Buyer–seller messages: inbox, conversation, start from a product or order, report, moderate."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.catalog.models import Product
from phohang.core.access import roles_required, signed_in
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.errors import DomainError
from phohang.orders.models import Order
from phohang.sellers.models import Seller

from . import selectors, services
from .forms import HideForm, MessageForm, ReportForm
from .models import Message


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)[:36])
    except ValueError:
        return None


def _subject(request, seller: Seller):
    """The product (of this shop) or the buyer's order (with this shop) named in the query."""
    product = order = None
    product_id = _uuid(request.GET.get("product", "") or request.POST.get("product", ""))
    if product_id:
        product = Product.objects.filter(
            public_id=product_id, seller=seller, status=Product.Status.PUBLISHED
        ).first()
    order_id = _uuid(request.GET.get("order", "") or request.POST.get("order", ""))
    if order_id:
        order = Order.objects.filter(public_id=order_id, seller=seller, buyer=request.user).first()
    return product, order


@signed_in
@require_GET
def inbox(request):
    conversations = list(selectors.conversation_list_for(request.user)[:100])
    for conversation in conversations:
        conversation.side = selectors.side_of(request.user, conversation)
        conversation.unread = (
            conversation.unread_as_buyer
            if conversation.side == Message.Side.BUYER
            else conversation.unread_as_seller
        )
    return render(request, "messaging/inbox.html", {"conversations": conversations})


def _conversation_context(request, conversation, side, form):
    return {
        "conversation": conversation,
        "side": side,
        "message_list": selectors.message_list(conversation),
        "form": form,
        "report_form": ReportForm(),
        "hide_form": HideForm(),
        "can_write": side in Message.Side.values,
        "retention_days": services.retention_days(),
    }


@signed_in
@require_http_methods(["GET", "POST"])
def conversation(request, public_id):
    conversation, side = selectors.conversation_get_for(request.user, public_id)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if side not in Message.Side.values:
            return redirect(conversation.get_absolute_url())
        if form.is_valid():
            product, order = _subject(request, conversation.seller)
            try:
                services.message_send(
                    conversation=conversation,
                    sender=request.user,
                    side=side,
                    body=form.cleaned_data["body"],
                    product=product,
                    order=order,
                )
            except DomainError as error:
                form.add_error("body", str(error))
            else:
                if getattr(request, "htmx", False):
                    context = _conversation_context(request, conversation, side, MessageForm())
                    return render(request, "messaging/partials/_thread.html", context)
                return redirect(conversation.get_absolute_url())
        status = 400
    elif side in Message.Side.values:
        services.conversation_mark_read(conversation=conversation, side=side)
    else:
        # A moderator reading a private conversation leaves a trace.
        audit_record(
            context=audit_context_from_request(request, purpose="moderation"),
            action="messaging.conversation.viewed",
            obj=conversation,
        )
    template = (
        "messaging/partials/_thread.html"
        if getattr(request, "htmx", False)
        else "messaging/conversation.html"
    )
    context = _conversation_context(request, conversation, side, form)
    return render(request, template, context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def start(request):
    """?seller=<public_id>[&product=…|&order=…]: the thread with that shop, or a first message."""
    seller_id = _uuid(request.GET.get("seller", "") or request.POST.get("seller", ""))
    seller = (
        Seller.objects.filter(public_id=seller_id, is_active=True, is_verified=True).first()
        if seller_id
        else None
    )
    if seller is None:
        messages.error(request, _("This shop was not found."))
        return redirect("messaging:inbox")
    product, order = _subject(request, seller)
    existing = selectors.conversation_between(request.user, seller)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_open(
                buyer=request.user,
                seller=seller,
                body=form.cleaned_data["body"],
                product=product,
                order=order,
            )
        except DomainError as error:
            form.add_error("body", str(error))
        else:
            return redirect(conversation.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "messaging/start.html",
        {
            "seller": seller,
            "product": product,
            "order": order,
            "existing": existing,
            "form": form,
            "message_list": selectors.message_list(existing) if existing else [],
        },
        status=status,
    )


@signed_in
@require_POST
def report(request, public_id):
    message, side = selectors.message_get_for(request.user, public_id)
    form = ReportForm(request.POST)
    if side not in Message.Side.values or message.side == side:
        messages.error(request, _("You can report only messages sent to you."))
    elif not form.is_valid():
        messages.error(request, _("Say what is wrong with this message."))
    else:
        services.message_report(
            message=message, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you. Moderators will look at this message."))
    return redirect(message.conversation.get_absolute_url())


@roles_required(services.MODERATOR_ROLES)
@require_GET
def moderation_queue(request):
    reported = list(selectors.reported_message_list(request.user)[:100])
    for message in reported:
        message.open_report_list = list(selectors.open_reports_of(message))
    return render(
        request, "messaging/moderation.html", {"reported": reported, "hide_form": HideForm()}
    )


@roles_required(services.MODERATOR_ROLES)
@require_POST
def hide(request, public_id):
    message, side = selectors.message_get_for(request.user, public_id)
    if side != selectors.MODERATOR:
        raise Http404
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for hiding the message."))
    else:
        services.message_hide(
            message=message,
            reason=form.cleaned_data["reason"],
            context=audit_context_from_request(request, purpose="moderation"),
        )
        messages.success(request, _("The message is hidden."))
    return redirect("messaging:moderation")
