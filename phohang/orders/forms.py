from django import forms
from django.utils.translation import gettext_lazy as _

from phohang.core.forms import Form
from phohang.geo.forms import AddressFields

from .models import Order, PaymentMethod
from .services.cart import MAX_LINE_QUANTITY


class CartLineForm(Form):
    variant_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=0, max_value=MAX_LINE_QUANTITY, initial=1
    )


class CheckoutForm(AddressFields):
    recipient_name = forms.CharField(label=_("Recipient name"), max_length=120)
    recipient_phone = forms.RegexField(
        label=_("Recipient phone"),
        regex=r"^\+?[0-9 .]{9,16}$",
        max_length=16,
        error_messages={"invalid": _("Enter a Vietnamese phone number, e.g. 0912 345 678.")},
    )
    payment_method = forms.ChoiceField(
        label=_("Payment method"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note for the sellers"), max_length=300, required=False)
    save_address = forms.BooleanField(
        label=_("Save this address in my address book"), required=False
    )
    # The total the page showed with shipping; blank until a ward was chosen, and then the
    # server prices shipping itself at submit (item prices are still checked line by line).
    expected_total_vnd = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, payment_methods: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if payment_methods is not None:
            # A method switched off in settings is not offered at all.
            self.fields["payment_method"].choices = [
                (value, label) for value, label in PaymentMethod.choices if value in payment_methods
            ]

    field_order = [
        "recipient_name",
        "recipient_phone",
        "street",
        "province",
        "ward",
        "old_place_name",
        "payment_method",
        "note",
        "save_address",
    ]


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ShipForm(Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=60)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=60)


class ReturnDecisionForm(Form):
    accept = forms.TypedChoiceField(
        choices=[("1", _("Accept the return")), ("0", _("Reject the return"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReturnRequestForm(Form):
    reason = forms.CharField(
        label=_("Why are you returning it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    photos = forms.FileField(
        label=_("Photos (up to 5)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        for line in order.lines.all():
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=line.title, min_value=0, max_value=line.quantity, initial=0, required=False
            )

    def quantities(self) -> dict[int, int]:
        return {
            int(name[5:]): value or 0
            for name, value in self.cleaned_data.items()
            if name.startswith("line_")
        }


class ReviewForm(Form):
    order_line = forms.IntegerField(widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label=_("Rating"), choices=[(i, "★" * i) for i in range(5, 0, -1)], coerce=int
    )
    body = forms.CharField(
        label=_("Your review"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SellerOrderFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + list(Order.Status.choices), required=False
    )
    q = forms.CharField(label=_("Order number"), required=False, max_length=20)


class SavedAddressForm(AddressFields):
    label = forms.CharField(
        label=_("Label"),
        max_length=60,
        required=False,
        help_text=_("For example: Home, Office, Parents' house."),
    )
    recipient_name = forms.CharField(label=_("Recipient name"), max_length=120)
    recipient_phone = CheckoutForm.base_fields["recipient_phone"]
    make_default = forms.BooleanField(label=_("Use as my default address"), required=False)

    field_order = [
        "label",
        "recipient_name",
        "recipient_phone",
        "street",
        "province",
        "ward",
        "old_place_name",
        "make_default",
    ]


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern); the view checks each image."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ReviewWriteForm(Form):
    """The review page: stars, words and photos for one delivered line."""

    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(stars, stars) for stars in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5 stars.")},
    )
    body = forms.CharField(
        label=_("Your review"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 4, "placeholder": _("Quality, taste, packaging, delivery…")}
        ),
    )
    photos = MultipleFileField(
        label=_("Photos (up to 5)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class ReviewRejectForm(Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
