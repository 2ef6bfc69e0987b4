"""Forms of the markets context; the services check the rules again (API callers skip forms)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phohang.core.forms import Form
from phohang.core.uploads import clean_document
from phohang.core.widgets import DayInput
from phohang.geo.models import Province, Ward
from phohang.geo.selectors import unit_resolve

from .models import Certification, Consignment, GoodsGroup, Market, PriceProduct, Unit
from .selectors import open_deliveries_for

EMPTY = _("- Select an option -")


class DirectorySearchForm(Form):
    q = forms.CharField(label=_("Find a trader"), required=False, max_length=100)


class DayForm(Form):
    date = forms.DateField(label=_("Day"), required=False)


class PriceForm(Form):
    """One price of a product at a market on a day (lowest, most common, highest)."""

    market = forms.ModelChoiceField(
        label=_("Market"), queryset=Market.objects.none(), empty_label=EMPTY
    )
    product = forms.ModelChoiceField(
        label=pgettext_lazy("price board", "Product"),
        queryset=PriceProduct.objects.filter(is_active=True),
        empty_label=EMPTY,
    )
    day = forms.DateField(label=_("Day"), widget=DayInput())
    min_vnd = forms.IntegerField(label=_("Lowest (₫)"), min_value=1)
    typical_vnd = forms.IntegerField(label=_("Most common (₫)"), min_value=1)
    max_vnd = forms.IntegerField(label=_("Highest (₫)"), min_value=1)

    def __init__(self, *args, markets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].queryset = Market.objects.filter(
            pk__in=[market.pk for market in markets]
        )
        for name in ("min_vnd", "typical_vnd", "max_vnd"):
            self.fields[name].error_messages["min_value"] = _("Prices are whole đồng above zero.")
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_market(self):
        # A market outside the user's own is refused by the service with its own message.
        return self.cleaned_data["market"]


class PriceUploadForm(Form):
    market = forms.ModelChoiceField(
        label=_("Market"),
        queryset=Market.objects.none(),
        required=False,
        empty_label=_("— named in each row —"),
    )
    day = forms.DateField(
        label=_("Day"),
        widget=DayInput(),
        help_text=_("For rows without a date."),
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: mặt hàng, thấp nhất, phổ biến, cao nhất; optional: ngày, chợ. "
            "Bad rows are reported by line, the others are stored."
        ),
    )

    def __init__(self, *args, markets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].queryset = Market.objects.filter(
            pk__in=[market.pk for market in markets]
        )


class ConsignmentForm(Form):
    goods = forms.CharField(label=_("Goods"), max_length=120)
    goods_group = forms.ChoiceField(label=_("Goods group"), choices=GoodsGroup.choices)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=2, min_value=0.01
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    weight_kg = forms.DecimalField(
        label=_("Total weight (kg)"),
        max_digits=12,
        decimal_places=1,
        min_value=0.1,
        required=False,
        help_text=_("Needed when the unit is not a weight."),
    )
    origin_province = forms.ModelChoiceField(
        label=_("Province of origin"),
        queryset=Province.objects.order_by("sort_order"),
        empty_label=EMPTY,
        required=False,
    )
    old_place_name = forms.CharField(
        label=_("Or type the place (old names too)"),
        required=False,
        max_length=200,
        help_text=_('For example "Lục Ngạn, Bắc Giang".'),
    )
    producer_seller = forms.ModelChoiceField(
        label=_("Producer on Phố Hàng"), queryset=None, required=False, empty_label=EMPTY
    )
    producer_name = forms.CharField(
        label=_("Producer (cooperative, farm or enterprise)"),
        max_length=200,
        required=False,
        help_text=_("The name of the business, not of a person: it is shown on the trace page."),
    )
    harvest_date = forms.DateField(label=_("Harvest or production date"), widget=DayInput())
    arrived_at = forms.DateTimeField(
        label=_("Arrived at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    certifications = forms.MultipleChoiceField(
        label=_("Certifications"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ocop_stars = forms.TypedChoiceField(
        label=_("OCOP rating"),
        choices=[("", _("— none —")), (3, "3 ★"), (4, "4 ★"), (5, "5 ★")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    trader = forms.ModelChoiceField(
        label=_("Trader receiving it"), queryset=None, required=False, empty_label=EMPTY
    )
    contract_delivery = forms.ModelChoiceField(
        label=_("Contract delivery it fulfils"), queryset=None, required=False, empty_label=EMPTY
    )
    check_kind = forms.ChoiceField(
        label=_("Check"),
        choices=Consignment.Check.choices,
        initial=Consignment.Check.FOOD_SAFETY,
    )
    check_document = forms.FileField(
        label=_("Check result (PDF, JPEG or PNG)"),
        required=False,
        help_text=_("The quarantine certificate or the food safety test result."),
    )

    def __init__(self, *args, market: Market, **kwargs):
        super().__init__(*args, **kwargs)
        from phohang.sellers.models import Seller

        self.market = market
        self.fields["trader"].queryset = market.traders.filter(is_active=True).order_by("stall")
        self.fields["producer_seller"].queryset = Seller.objects.filter(
            is_active=True, is_verified=True
        ).order_by("name")
        deliveries = open_deliveries_for(market)
        self.fields["contract_delivery"].queryset = deliveries
        self.fields["contract_delivery"].label_from_instance = lambda delivery: (
            f"{delivery.contract.seller.name} — {delivery.contract.demand.title} — "
            f"#{delivery.sequence} ({delivery.due_date:%d/%m/%Y}, {delivery.quantity} "
            f"{delivery.contract.get_unit_display()})"
        )
        self.fields["arrived_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_check_document(self):
        upload = self.cleaned_data.get("check_document")
        if not upload:
            return None
        return clean_document(upload).content

    def clean(self):
        cleaned = super().clean()
        place = cleaned.get("old_place_name")
        if place and not cleaned.get("origin_province"):
            match = unit_resolve(place)
            if match is None:
                self.add_error("old_place_name", _("We could not recognise this place name."))
            else:
                cleaned["origin_province"] = match.province
                cleaned["origin_ward"] = match.ward
        if not cleaned.get("origin_province") and not self.has_error("old_place_name"):
            self.add_error("origin_province", _("Choose the province of origin or type the place."))
        cleaned.setdefault("origin_ward", None)
        if cleaned.get("origin_ward") is not None and not isinstance(cleaned["origin_ward"], Ward):
            cleaned["origin_ward"] = None
        return cleaned


class ConsignmentProductForm(Form):
    product = forms.ModelChoiceField(
        label=_("Product on Phố Hàng"), queryset=None, required=False, empty_label=_("— none —")
    )

    def __init__(self, *args, consignment: Consignment, **kwargs):
        super().__init__(*args, **kwargs)
        from phohang.catalog.models import Product

        self.fields["product"].queryset = Product.objects.filter(
            seller_id=consignment.producer_seller_id
        ).order_by("title")


class CheckDocumentForm(Form):
    check_document = forms.FileField(label=_("Check result (PDF, JPEG or PNG)"))

    def clean_check_document(self):
        return clean_document(self.cleaned_data["check_document"]).content


class TraderForm(Form):
    identifier_fields = ("stall", "licence_number")

    stall = forms.CharField(label=_("Stall number"), max_length=20)
    name = forms.CharField(label=_("Business name"), max_length=200)
    licence_number = forms.CharField(
        label=_("Business licence number"), max_length=30, required=False
    )
    goods = forms.CharField(label=_("Goods"), max_length=300)
    goods_group = forms.ChoiceField(label=_("Goods group"), choices=GoodsGroup.choices)
    user_email = forms.EmailField(
        label=_("Email of the person who reports prices"),
        required=False,
        help_text=_("They must already have an account on Phố Hàng."),
    )

    def clean_user_email(self):
        from phohang.accounts.models import User

        email = self.cleaned_data.get("user_email")
        if not email:
            return None
        user = User.objects.filter(email=email.lower(), is_active=True).first()
        if user is None:
            raise ValidationError(_("No account has this email address."))
        return user


class NeedForm(Form):
    goods_group = forms.ChoiceField(label=_("Goods group"), choices=GoodsGroup.choices)
    tonnes_per_day = forms.DecimalField(
        label=_("Daily need (tonnes)"), max_digits=8, decimal_places=1, min_value=0.1
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)


class ThresholdForm(Form):
    alert_threshold_percent = forms.DecimalField(
        label=_("Alert when a price moves from its 7-day median by at least (%)"),
        max_digits=4,
        decimal_places=1,
        min_value=1,
        max_value=90,
    )
