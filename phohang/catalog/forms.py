"""Forms of the seller's product manager and the authority's moderation page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from phohang.core import forms as core_forms
from phohang.core.money import parse_vnd
from phohang.core.widgets import DayInput
from phohang.geo.models import Province, Ward

from .models import PRODUCT_EDITABLE_FIELDS, Category, Certification, Product
from .selectors.categories import category_options


class ProductForm(core_forms.ModelForm):
    certifications = forms.MultipleChoiceField(
        label=_("Other certifications"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ocop_stars = forms.TypedChoiceField(
        label=_("OCOP stars"),
        choices=[("", _("Not an OCOP product")), (3, "3 ★"), (4, "4 ★"), (5, "5 ★")],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Product
        fields = PRODUCT_EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "ocop_expires_on": DayInput(),
        }
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, lists. HTML is removed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        category.queryset = Category.objects.filter(is_active=True)
        empty = [] if category.empty_label is None else [("", category.empty_label)]
        category.choices = [*empty, *category_options(category.queryset)]
        self.fields["origin_province"].queryset = Province.objects.all()
        province = self.data.get("origin_province") or getattr(
            self.instance, "origin_province_id", None
        )
        self.fields["origin_ward"].queryset = (
            Ward.objects.filter(province_id=province) if province else Ward.objects.none()
        )


def _parse_tiers(text: str) -> list[tuple[int, int]]:
    """ "10: 45.000, 50: 42.000" → [(10, 45000), (50, 42000)]."""
    tiers = []
    for part in (text or "").replace(";", "\n").replace(",", "\n").splitlines():
        part = part.strip()
        if not part:
            continue
        quantity, sep, price = part.partition(":")
        if not sep or not quantity.strip().isdigit():
            raise ValidationError(_("Write tiers as “quantity: price”, e.g. 10: 45.000"))
        try:
            tiers.append((int(quantity), parse_vnd(price)))
        except ValueError as error:
            raise ValidationError(_("Write tiers as “quantity: price”, e.g. 10: 45.000")) from error
    return tiers


class VariantForm(core_forms.Form):
    identifier_fields = ("sku", "gtin")

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Variant"), max_length=80, help_text=_("e.g. 500 g, 1 kg"))
    sku = forms.CharField(label=_("SKU"), max_length=64)
    gtin = forms.CharField(label=_("GTIN / barcode"), max_length=14, required=False)
    price = forms.CharField(label=_("Price (₫)"), max_length=20)
    weight_grams = forms.IntegerField(label=_("Weight (g)"), min_value=1, required=False)
    stock_on_hand = forms.IntegerField(
        label=_("Initial stock"), min_value=0, required=False, initial=0
    )
    low_stock_threshold = forms.IntegerField(label=_("Low-stock threshold"), min_value=0, initial=5)
    tiers = forms.CharField(
        label=_("Wholesale prices"),
        required=False,
        help_text=_("quantity: price per unit, comma-separated (10: 45.000, 50: 42.000)"),
    )

    # The sanitiser for text cleans sku/name; cleaning money here keeps the view thin.
    def clean_price(self) -> int:
        try:
            price = parse_vnd(self.cleaned_data["price"])
        except ValueError as error:
            raise ValidationError(_("Enter a whole number of đồng, e.g. 180.000")) from error
        if price <= 0:
            raise ValidationError(_("The price must be greater than 0."))
        return price

    def clean_tiers(self) -> list[tuple[int, int]]:
        return _parse_tiers(self.cleaned_data.get("tiers", ""))

    def as_service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "id": data.get("id"),
            "name": data["name"],
            "sku": data["sku"],
            "gtin": data.get("gtin", ""),
            "price_vnd": data["price"],
            "weight_grams": data.get("weight_grams"),
            "stock_on_hand": data.get("stock_on_hand") or 0,
            "low_stock_threshold": data.get("low_stock_threshold") or 0,
            "tiers": data["tiers"],
        }


VariantFormSet = forms.formset_factory(
    VariantForm, extra=1, can_delete=True, max_num=50, validate_max=True, absolute_max=60
)


class StockForm(core_forms.Form):
    variant = forms.IntegerField(widget=forms.HiddenInput)
    on_hand = forms.IntegerField(label=_("Stock on hand"), min_value=0, max_value=10_000_000)


class ImageForm(core_forms.Form):
    # A plain FileField: the bytes are judged by core.uploads.clean_image, not by Django's probe.
    image = forms.FileField(
        label=_("Add an image"),
        help_text=_("JPEG, PNG or WebP, up to 8 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class ImportForm(core_forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class ReasonForm(core_forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the seller)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=5,
        max_length=2000,
    )
