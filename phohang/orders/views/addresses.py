"""The buyer's address book: list and add, edit, delete, choose the default."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from phohang.core.access import signed_in
from phohang.core.errors import DomainError

from .. import selectors, services
from ..forms import SavedAddressForm


def _address_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "street": data["street"],
        "ward": data["ward"],
        "province": data["province"],
        "recipient_name": data["recipient_name"],
        "recipient_phone": data["recipient_phone"],
        "label": data.get("label", ""),
    }


def _saved(request, form, save) -> bool:
    """Run `save()` for a valid posted form: True once saved (and said so), False to show the
    form again, with a refusal on the field it concerns."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except DomainError as error:
        form.add_error(error.field or None, str(error))
        return False
    messages.success(request, _("Address saved."))
    return True


@signed_in
@require_http_methods(["GET", "POST"])
def address_book(request):
    """The book with a form to add an address; a refused address re-renders with a 400."""
    initial = {"recipient_name": request.user.full_name, "recipient_phone": request.user.phone}
    form = SavedAddressForm(request.POST or None, initial=initial)
    if _saved(
        request,
        form,
        lambda: services.saved_address_add(
            user=request.user,
            make_default=form.cleaned_data["make_default"],
            **_address_fields(form),
        ),
    ):
        return redirect("orders:address_book")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "orders/address_book.html",
        {"addresses": selectors.saved_address_list(request.user), "form": form},
        status=status,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def address_edit(request, public_id):
    saved = selectors.saved_address_get(request.user, public_id)
    initial = {
        "label": saved.label,
        "recipient_name": saved.recipient_name,
        "recipient_phone": saved.recipient_phone,
        "street": saved.address.street,
        "province": saved.address.province,
        "ward": saved.address.ward,
        "make_default": saved.is_default,
    }
    form = SavedAddressForm(request.POST or None, initial=initial)

    def save() -> None:
        services.saved_address_update(saved=saved, **_address_fields(form))
        if form.cleaned_data["make_default"]:
            services.saved_address_make_default(user=request.user, saved=saved)

    if _saved(request, form, save):
        return redirect("orders:address_book")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "orders/address_edit.html", {"form": form, "saved": saved}, status=status
    )


@signed_in
@require_POST
def address_delete(request, public_id):
    saved = selectors.saved_address_get(request.user, public_id)
    services.saved_address_delete(user=request.user, saved=saved)
    messages.success(request, _("Address deleted."))
    return redirect("orders:address_book")


@signed_in
@require_POST
def address_make_default(request, public_id):
    saved = selectors.saved_address_get(request.user, public_id)
    services.saved_address_make_default(user=request.user, saved=saved)
    messages.success(request, _("Default address changed."))
    return redirect("orders:address_book")
