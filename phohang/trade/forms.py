from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from phohang.catalog.models import Category, Certification, Product
from phohang.catalog.selectors import category_options
from phohang.core.forms import Form, ModelForm
from phohang.core.money import parse_vnd
from phohang.core.uploads import clean_document
from phohang.core.widgets import DayInput
from phohang.geo.models import Province, Ward
from phohang.sellers.models import Seller

from .models import BuyerOrganisation, Demand, Frequency, Period, TradeUnit, mask_to_months
from .services import DemandData, OfferData, QuoteData
from .services.postings import OCOP_STAR_CHOICES

MONTH_CHOICES = [(month, _("Month %(number)s") % {"number": month}) for month in range(1, 13)]
STAR_CHOICES = [(0, _("No requirement"))] + [
    (stars, _("%(stars)s stars or more") % {"stars": stars}) for stars in OCOP_STAR_CHOICES[1:]
]
OFFER_STAR_CHOICES = [(0, _("Not OCOP-rated"))] + [
    (stars, _("%(stars)s stars") % {"stars": stars}) for stars in OCOP_STAR_CHOICES[1:]
]


class VndField(forms.CharField):
    """A price typed the way people write it ("1.250.000", "1,250,000 đ")."""

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.widget.attrs.update({"maxlength": "20", "inputmode": "numeric"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_vnd(value)
        except ValueError as error:
            raise ValidationError(
                _("Enter a whole number of đồng, for example 25.000."), code="vnd"
            ) from error


class MultipleDocumentInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(forms.FileField):
    widget = MultipleDocumentInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > 5:
            raise ValidationError(_("Attach at most 5 files."), code="too_many")
        return [clean_document(upload) for upload in files]


def category_choices():
    return Category.objects.filter(is_active=True).order_by("position", "name_vi")


def use_sorted_categories(field: forms.ModelChoiceField) -> None:
    """Active categories in `field`, groups and members in Vietnamese dictionary order."""
    field.queryset = category_choices()
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = [*empty, *category_options(field.queryset)]


class TradeServiceErrorsMixin:
    def add_trade_error(self, error) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, str(error.message))


class OrganisationForm(TradeServiceErrorsMixin, ModelForm):
    class Meta:
        model = BuyerOrganisation
        fields = ["name", "kind", "province", "tax_code"]


class DemandForm(TradeServiceErrorsMixin, Form):
    organisation = forms.ModelChoiceField(
        label=_("Buying organisation"), queryset=BuyerOrganisation.objects.none()
    )
    title = forms.CharField(
        label=_("What you need"),
        max_length=200,
        help_text=_("For example: “Gạo ST25 đạt VietGAP, đóng bao 25 kg”."),
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    product = forms.UUIDField(
        label=_("Catalog product (optional)"),
        required=False,
        widget=forms.HiddenInput,
    )
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea)
    quantity = forms.IntegerField(label=_("Quantity per delivery"))
    unit = forms.ChoiceField(label=_("Unit"), choices=TradeUnit.choices)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    delivery_province = forms.ModelChoiceField(
        label=_("Delivery province / city"), queryset=Province.objects.order_by("sort_order")
    )
    delivery_ward = forms.ModelChoiceField(
        label=_("Delivery ward / commune"), queryset=Ward.objects.none(), required=False
    )
    delivery_start = forms.DateField(label=_("Deliveries from"), widget=DayInput)
    delivery_end = forms.DateField(label=_("Deliveries until"), widget=DayInput)
    min_ocop_stars = forms.TypedChoiceField(
        label=_("Minimum OCOP rating"), choices=STAR_CHOICES, coerce=int, initial=0
    )
    certifications = forms.MultipleChoiceField(
        label=_("Required certifications"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    price_ceiling_vnd = VndField(
        label=_("Price ceiling per unit (₫, optional)"), required=False, max_length=20
    )
    closing_date = forms.DateField(label=_("Quotes close on"), widget=DayInput)
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Demand.Visibility.choices)
    invited_sellers = forms.ModelMultipleChoiceField(
        label=_("Invited suppliers"),
        queryset=Seller.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=_("Only for demands visible to invited suppliers."),
    )
    wants_notifications = forms.BooleanField(
        label=_("Tell me when suppliers match this demand"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = BuyerOrganisation.objects.filter(members=user)
        use_sorted_categories(self.fields["category"])
        self.fields["delivery_province"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("trade:ward_options"),
                "hx-target": "#id_delivery_ward",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )
        province = self.data.get("delivery_province") or getattr(
            self.initial.get("delivery_province"), "pk", self.initial.get("delivery_province")
        )
        if province:
            self.fields["delivery_ward"].queryset = Ward.objects.filter(province_id=province)

    def clean_product(self):
        public_id = self.cleaned_data.get("product")
        if not public_id:
            return None
        product = Product.objects.filter(public_id=public_id).first()
        if product is None:
            raise ValidationError(_("This catalog product does not exist."), code="product")
        return product

    def to_data(self) -> DemandData:
        data = self.cleaned_data
        return DemandData(
            title=data["title"],
            description=data.get("description") or "",
            category_id=data["category"].pk,
            product_id=data["product"].pk if data.get("product") else None,
            quantity=data["quantity"],
            unit=data["unit"],
            frequency=data["frequency"],
            delivery_province_id=data["delivery_province"].pk,
            delivery_ward_id=data["delivery_ward"].pk if data.get("delivery_ward") else None,
            delivery_start=data["delivery_start"],
            delivery_end=data["delivery_end"],
            min_ocop_stars=data["min_ocop_stars"],
            certifications=list(data["certifications"]),
            price_ceiling_vnd=data.get("price_ceiling_vnd"),
            closing_date=data["closing_date"],
            visibility=data["visibility"],
            invited_seller_ids=[seller.pk for seller in data.get("invited_sellers") or []],
        )

    @staticmethod
    def initial_for(demand: Demand) -> dict:
        return {
            "organisation": demand.organisation,
            "title": demand.title,
            "category": demand.category,
            "description": demand.description,
            "quantity": demand.quantity,
            "unit": demand.unit,
            "frequency": demand.frequency,
            "delivery_province": demand.delivery_province,
            "delivery_ward": demand.delivery_ward,
            "delivery_start": demand.delivery_start,
            "delivery_end": demand.delivery_end,
            "min_ocop_stars": demand.min_ocop_stars,
            "certifications": demand.certifications,
            "price_ceiling_vnd": demand.price_ceiling_vnd or "",
            "closing_date": demand.closing_date,
            "visibility": demand.visibility,
            "invited_sellers": list(demand.invited_sellers.all()),
        }


class OfferForm(TradeServiceErrorsMixin, Form):
    seller = forms.ModelChoiceField(label=_("Supplier"), queryset=Seller.objects.none())
    title = forms.CharField(label=_("Product offered"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea)
    quantity = forms.IntegerField(label=_("Quantity you can supply"))
    unit = forms.ChoiceField(label=_("Unit"), choices=TradeUnit.choices)
    period = forms.ChoiceField(label=_("Per"), choices=Period.choices)
    season_months = forms.TypedMultipleChoiceField(
        label=_("Season (months available)"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if available all year."),
    )
    origin_province = forms.ModelChoiceField(
        label=_("Origin province"), queryset=Province.objects.order_by("sort_order")
    )
    price_min_vnd = VndField(label=_("Lowest price per unit (₫)"), max_length=20)
    price_max_vnd = VndField(label=_("Highest price per unit (₫)"), max_length=20)
    certifications = forms.MultipleChoiceField(
        label=_("Certifications held"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ocop_stars = forms.TypedChoiceField(
        label=_("OCOP rating"), choices=OFFER_STAR_CHOICES, coerce=int, initial=0
    )
    minimum_order = forms.IntegerField(label=_("Minimum order (same unit)"), initial=0)
    wants_notifications = forms.BooleanField(
        label=_("Tell me when buyers' demands match this offer"), required=False
    )

    def __init__(self, *args, sellers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seller"].queryset = sellers if sellers is not None else Seller.objects.none()
        use_sorted_categories(self.fields["category"])

    def to_data(self) -> OfferData:
        data = self.cleaned_data
        return OfferData(
            title=data["title"],
            description=data.get("description") or "",
            category_id=data["category"].pk,
            quantity=data["quantity"],
            unit=data["unit"],
            period=data["period"],
            season_months=list(data["season_months"]),
            origin_province_id=data["origin_province"].pk,
            price_min_vnd=data["price_min_vnd"],
            price_max_vnd=data["price_max_vnd"],
            certifications=list(data["certifications"]),
            ocop_stars=data["ocop_stars"],
            minimum_order=data.get("minimum_order") or 0,
        )

    @staticmethod
    def initial_for(offer) -> dict:
        return {
            "seller": offer.seller,
            "title": offer.title,
            "category": offer.category,
            "description": offer.description,
            "quantity": offer.quantity,
            "unit": offer.unit,
            "period": offer.period,
            "season_months": mask_to_months(offer.season_mask),
            "origin_province": offer.origin_province,
            "price_min_vnd": offer.price_min_vnd,
            "price_max_vnd": offer.price_max_vnd,
            "certifications": offer.certifications,
            "ocop_stars": offer.ocop_stars,
            "minimum_order": offer.minimum_order,
        }


class QuoteForm(TradeServiceErrorsMixin, Form):
    price_per_unit_vnd = VndField(label=_("Price per unit (₫)"), max_length=20)
    quantity = forms.IntegerField(label=_("Quantity per delivery"))
    delivery_start = forms.DateField(label=_("First delivery"), widget=DayInput)
    delivery_end = forms.DateField(label=_("Last delivery"), widget=DayInput)
    valid_until = forms.DateField(label=_("Quote valid until"), widget=DayInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)
    attachments = MultipleDocumentField(
        label=_("Attachments (PDF, JPEG or PNG; at most 5)"), required=False
    )

    def to_data(self, offer_id=None) -> QuoteData:
        data = self.cleaned_data
        return QuoteData(
            price_per_unit_vnd=data["price_per_unit_vnd"],
            quantity=data["quantity"],
            delivery_start=data["delivery_start"],
            delivery_end=data["delivery_end"],
            valid_until=data["valid_until"],
            note=data.get("note") or "",
            offer_id=offer_id,
        )


class MessageForm(Form):
    body = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AcceptForm(Form):
    quantity = forms.IntegerField(label=_("Quantity to accept"))


class BoardFilterForm(Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("sort_order"),
        required=False,
        empty_label=_("All provinces"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("All categories"),
    )
    certification = forms.ChoiceField(
        label=_("Certification"),
        choices=[("", _("Any certification"))] + list(Certification.choices),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_sorted_categories(self.fields["category"])
