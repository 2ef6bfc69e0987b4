import uuid

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from phohang.core.errors import message_format
from phohang.core.forms import Form
from phohang.core.widgets import DayInput
from phohang.geo.selectors import ward_list_for_province

from .models import Carrier, Stop, Vehicle
from .services.network import STOP_FIELDS
from .services.planning import MAX_TIME_LIMIT_S, MIN_TIME_LIMIT_S

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


VEHICLE_FIELDS = [
    "name",
    "plate",
    "driver_name",
    "capacity_kg",
    "capacity_m3",
    "gross_weight_kg",
    "shift_start",
    "shift_end",
    "is_active",
]


# Plain forms with the models' fields: the services check input as a whole and give the
# messages (capacity above 0, a window that ends after it starts), nothing is saved by the form.
_VehicleFields = type(
    "_VehicleFields",
    (Form,),
    fields_for_model(
        Vehicle,
        fields=VEHICLE_FIELDS,
        widgets={"shift_start": TIME, "shift_end": TIME},
        help_texts={
            "gross_weight_kg": _(
                "Vehicle plus load. From 2,000 kg, Hanoi lets it inside Ring Road 3.5 only "
                "21:00–06:00."
            ),
            "shift_end": _("At or before the start: the shift runs past midnight."),
        },
    ),
)
_StopFields = type(
    "_StopFields",
    (Form,),
    fields_for_model(
        Stop,
        fields=STOP_FIELDS,
        widgets={"window_start": TIME, "window_end": TIME},
        help_texts={"latitude": _("Leave empty to use the centre of the ward.")},
    ),
)


class VehicleForm(_VehicleFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service gives the clear message for 0; the browser must not block it first.
        for name in ("capacity_kg", "capacity_m3", "gross_weight_kg"):
            self.fields[name].min_value = None
            self.fields[name].validators = []
            self.fields[name].widget.attrs.pop("min", None)


class StopForm(_StopFields):
    def __init__(self, *args, province_code: str = "01", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = ward_list_for_province(province_code)
        self.fields["ward"].empty_label = _("— Choose a ward / commune —")
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs["step"] = "any"


class PlanForm(forms.Form):
    time_limit_s = forms.IntegerField(
        label=_("Time to search (seconds)"),
        initial=30,
        help_text=message_format(
            _("From %(low)s to %(high)s seconds; longer gives shorter routes."),
            low=MIN_TIME_LIMIT_S,
            high=MAX_TIME_LIMIT_S,
        ),
    )


class DayForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DayInput())


class ProofForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("delivered", _("Delivered")), ("failed", _("Could not deliver"))],
    )
    received_by = forms.CharField(label=_("Received by"), max_length=120, required=False)
    photo = forms.ImageField(label=_("Photo"), required=False)
    signature = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ShipmentForm(forms.Form):
    carrier = forms.ChoiceField(label=_("Carrier"), widget=forms.RadioSelect)
    # Made when the form is shown: a double click or a retried request books one parcel.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, carriers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].choices = [(code, Carrier(code).label) for code in carriers]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


def _province_field(label):
    from phohang.geo.models import Province

    return forms.ModelChoiceField(
        label=label,
        queryset=Province.objects.order_by("sort_order"),
        required=False,
        empty_label=_("Any province"),
        error_messages={"invalid_choice": _("Choose a province from the list.")},
    )


def _whole_number(label, low, high, message, required=True):
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        required=required,
        error_messages={key: message for key in ("required", "invalid", "min_value", "max_value")},
    )


class ShippingRateForm(Form):
    """One band of a shipping zone; blank provinces mean "any province"."""

    origin_province = _province_field(_("From province (seller)"))
    destination_province = _province_field(_("To province (buyer)"))
    max_weight_grams = _whole_number(
        _("Up to weight (g)"), 1, 1_000_000, _("Enter a weight limit from 1 to 1,000,000 grams.")
    )
    max_volume_cm3 = _whole_number(
        _("Up to volume (cm³)"),
        1,
        10_000_000,
        _("Enter a volume limit from 1 to 10,000,000 cm³, or leave it blank."),
        required=False,
    )
    fee_vnd = _whole_number(
        _("Fee (₫)"),
        0,
        100_000_000,
        _("The fee must be a whole number of đồng from 0 to 100,000,000."),
    )


class CodFeeForm(Form):
    origin_province = _province_field(_("From province (seller)"))
    destination_province = _province_field(_("To province (buyer)"))
    percent = forms.DecimalField(
        label=_("Percent of the cash"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        error_messages={
            key: _("Enter a percent from 0 to 100.")
            for key in ("required", "invalid", "min_value", "max_value", "max_digits")
        }
        | {"max_decimal_places": _("Use at most two decimal places.")},
    )
    minimum_vnd = _whole_number(
        _("At least (₫)"),
        0,
        100_000_000,
        _("The fee must be a whole number of đồng from 0 to 100,000,000."),
    )


class TruckZoneForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=200, required=False)
    polygon = forms.CharField(
        label=_("Boundary: one “latitude, longitude” per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
    )
    is_active = forms.BooleanField(label=_("In force"), required=False)


class TruckClassForm(Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    min_gross_kg = _whole_number(
        _("From gross weight (kg)"), 0, 100_000, _("Enter a weight from 0 to 100,000 kg.")
    )
    max_gross_kg = _whole_number(
        _("Below gross weight (kg)"),
        1,
        100_000,
        _("Enter a weight from 1 to 100,000 kg, or leave it blank."),
        required=False,
    )
    allowed_windows = forms.CharField(
        label=_("Hours allowed inside the zone, e.g. 21:00-06:00; several separated by “;”"),
        max_length=300,
    )
