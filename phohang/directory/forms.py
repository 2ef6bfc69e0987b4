from django import forms
from django.utils.translation import gettext_lazy as _

from phohang.catalog.models import Category
from phohang.core.forms import Form
from phohang.core.widgets import DayInput
from phohang.geo.models import Province
from phohang.trade.models import Frequency, TradeUnit

from .models import Certification, Inquiry, Park, ParkFile, Plot, Project, Sector
from .vocabulary import PROCESSES


class ServiceErrorsMixin:
    def add_service_error(self, error) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, str(error.message))


def _province_field(label, empty_label=None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Province.objects.all(),
        required=empty_label is not None,
        empty_label=empty_label or _("All provinces"),
        to_field_name="code",
    )


def _choices_with(empty_label, choices) -> list:
    return [("", empty_label), *choices]


class ParkFilterForm(Form):
    province = _province_field(_("Province"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    min_free_ha = forms.DecimalField(
        label=_("Free land at least (ha)"), required=False, max_digits=9, decimal_places=2
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    max_price_vnd_m2 = forms.IntegerField(label=_("Land price up to (₫/m²)"), required=False)
    min_power_mva = forms.DecimalField(
        label=_("Power at least (MVA)"), required=False, max_digits=8, decimal_places=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _choices_with(_("All kinds"), Park.Kind.choices)
        self.fields["sector"].choices = _choices_with(_("All sectors"), Sector.choices)

    def clean(self):
        data = super().clean()
        for name in ("min_free_ha", "max_price_vnd_m2", "min_power_mva"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("This figure cannot be negative."))
        return data


class ParkFactsForm(ServiceErrorsMixin, Form):
    total_area_ha = forms.DecimalField(label=_("Total area (ha)"), max_digits=9, decimal_places=2)
    free_area_ha = forms.DecimalField(label=_("Free area (ha)"), max_digits=9, decimal_places=2)
    occupancy_percent = forms.DecimalField(label=_("Occupancy (%)"), max_digits=5, decimal_places=1)
    land_price_vnd_m2 = forms.IntegerField(label=_("Land price from (₫/m²)"))
    factory_rent_vnd_m2_month = forms.IntegerField(
        label=_("Ready-built factory rent from (₫/m²/month)")
    )
    power_capacity_mva = forms.DecimalField(
        label=_("Power capacity (MVA)"), max_digits=8, decimal_places=1
    )
    water_m3_day = forms.IntegerField(label=_("Clean water (m³/day)"))
    wastewater_m3_day = forms.IntegerField(label=_("Wastewater treatment (m³/day)"))
    road_access = forms.CharField(label=_("Road access"), max_length=300, required=False)
    rail_access = forms.CharField(label=_("Rail access"), max_length=300, required=False)
    port_access = forms.CharField(
        label=_("Port and airport access"), max_length=300, required=False
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors welcomed"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    incentives = forms.CharField(
        label=_("Investment incentives"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class PlotForm(ServiceErrorsMixin, Form):
    code = forms.CharField(label=_("Plot code"), max_length=30)
    kind = forms.ChoiceField(label=_("Kind"), choices=Plot.Kind.choices)
    area_m2 = forms.DecimalField(label=_("Area (m²)"), max_digits=10, decimal_places=1)
    price_vnd_m2 = forms.IntegerField(label=_("Price (₫/m²)"))
    availability = forms.ChoiceField(label=_("Availability"), choices=Plot.Availability.choices)


class ParkFileForm(ServiceErrorsMixin, Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ParkFile.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=160)
    file = forms.FileField(label=_("File (JPEG/PNG photo, or PDF document)"))


class InquiryForm(ServiceErrorsMixin, Form):
    company = forms.CharField(label=_("Company"), max_length=200)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    email = forms.EmailField(label=_("Email"), required=False)
    sector = forms.ChoiceField(label=_("Sector"))
    area_needed_ha = forms.DecimalField(label=_("Area needed (ha)"), max_digits=8, decimal_places=2)
    message = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = _choices_with(_("— Choose —"), Sector.choices)


class LeadMoveForm(Form):
    to = forms.ChoiceField(choices=Inquiry.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ReviewForm(Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note to the operator"), max_length=300, required=False)


class CapabilitySearchForm(Form):
    q = forms.CharField(label=_("What do you need made?"), max_length=200, required=False)
    process = forms.ChoiceField(label=_("Process"), required=False)
    certification = forms.ChoiceField(label=_("Certification"), required=False)
    province = _province_field(_("Province"))
    key = forms.BooleanField(label=_("Key industrial products only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = _choices_with(
            _("All processes"), [(p.code, p.name) for p in PROCESSES]
        )
        self.fields["certification"].choices = _choices_with(
            _("Any certification"), Certification.choices
        )
        self.fields["q"].widget.attrs["placeholder"] = _("e.g. ép nhựa, gia công CNC, đúc nhôm")


class KeyProductForm(ServiceErrorsMixin, Form):
    name = forms.CharField(label=_("Product name"), max_length=200)
    year = forms.IntegerField(label=_("Year recognised"))


class SourcingNeedForm(ServiceErrorsMixin, Form):
    organisation_name = forms.CharField(label=_("Your company"), max_length=200, required=False)
    title = forms.CharField(label=_("Parts or processing needed"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(is_active=True).order_by("name_vi"),
        empty_label=_("— Choose —"),
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    unit = forms.ChoiceField(label=_("Unit"), choices=TradeUnit.choices)
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    delivery_province = _province_field(_("Deliver to"), empty_label=_("— Choose —"))
    delivery_start = forms.DateField(label=_("Deliveries from"), widget=DayInput)
    delivery_end = forms.DateField(label=_("Deliveries until"), widget=DayInput)
    closing_date = forms.DateField(label=_("Quotes close on"), widget=DayInput)
    description = forms.CharField(
        label=_("Drawings, materials, tolerances"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class MilestoneForm(ServiceErrorsMixin, Form):
    name = forms.CharField(label=_("Milestone"), max_length=160)
    planned_start = forms.DateField(label=_("Planned start"), widget=DayInput)
    planned_end = forms.DateField(label=_("Planned end"), widget=DayInput)
    actual_start = forms.DateField(label=_("Actual start"), widget=DayInput, required=False)
    actual_end = forms.DateField(label=_("Actual end"), widget=DayInput, required=False)


class ProjectDocumentForm(ServiceErrorsMixin, Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    file = forms.FileField(label=_("Document (PDF, JPEG or PNG)"))


class ProjectFilterForm(Form):
    province = _province_field(_("Province"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _choices_with(_("All kinds"), Project.Kind.choices)


class ManufacturerProfileForm(ServiceErrorsMixin, Form):
    """A manufacturer's capabilities; each certification held has an optional expiry day."""

    processes = forms.MultipleChoiceField(
        label=_("Processes"), widget=forms.CheckboxSelectMultiple, required=False
    )
    materials = forms.CharField(label=_("Materials"), max_length=300, required=False)
    tolerance_mm = forms.DecimalField(
        label=_("Tightest tolerance (mm)"), max_digits=6, decimal_places=3, required=False
    )
    certifications = forms.MultipleChoiceField(
        label=_("Certifications"),
        choices=Certification.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capacity = forms.CharField(label=_("Capacity"), max_length=200, required=False)
    employees = forms.IntegerField(label=_("Employees"), min_value=0, required=False)
    customers = forms.CharField(label=_("Customers served"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["processes"].choices = [(p.code, p.name) for p in PROCESSES]
        for code, label in Certification.choices:
            self.fields[f"valid_until_{code}"] = forms.DateField(
                label=_("%(certification)s valid until") % {"certification": label},
                widget=DayInput,
                required=False,
            )
        names = list(self.fields)
        days = [name for name in names if name.startswith("valid_until_")]
        at = names.index("certifications") + 1
        self.order_fields([*names[:at], *days, *(n for n in names[at:] if n not in days)])

    def certification_days(self) -> dict:
        """Code → valid-until day of each certification ticked."""
        data = self.cleaned_data
        return {code: data.get(f"valid_until_{code}") for code in data["certifications"]}


class VillageShopForm(Form):
    action = forms.ChoiceField(choices=[("link", "link"), ("unlink", "unlink")])
    seller = forms.UUIDField()
