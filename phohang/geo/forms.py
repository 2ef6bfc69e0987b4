from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from phohang.core.forms import Form

from .models import Address, Province, Ward
from .selectors import unit_resolve


class AddressFields(Form):
    """Street, province and ward with the ward list filtered by province (HTMX, works without JS)."""

    street = forms.CharField(label=_("Street address"), max_length=200)
    province = forms.ModelChoiceField(
        label=_("Province / city"),
        queryset=Province.objects.order_by("sort_order"),
        empty_label=_("— choose a province —"),
    )
    ward = forms.ModelChoiceField(
        label=_("Ward / commune"),
        queryset=Ward.objects.select_related("province"),
        empty_label=_("— choose a ward or commune —"),
        help_text=_(
            "Since 1 July 2025 wards belong directly to a province; old district names map to them."
        ),
    )
    old_place_name = forms.CharField(
        label=_("Or type an old place name"),
        required=False,
        max_length=200,
        help_text=_('For example "Quận Cầu Giấy, Hà Nội" or "tỉnh Bắc Giang".'),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("geo:ward_options"),
                "hx-target": "next .ward-select",
                "hx-trigger": "change",
                "hx-include": "this",
                "hx-swap": "innerHTML",
            }
        )
        self.fields["ward"].widget.attrs["class"] = "ward-select"
        province_code = self.data.get(self.add_prefix("province")) or (
            self.initial.get("province").pk if hasattr(self.initial.get("province"), "pk") else None
        )
        # Only the chosen province's wards, also when the form comes back with an error: the
        # page never lists the country's 3,321 wards.
        self.fields["ward"].queryset = (
            Ward.objects.filter(province_id=province_code) if province_code else Ward.objects.none()
        )

    def clean(self):
        cleaned = super().clean()
        old_name = cleaned.get("old_place_name")
        if old_name and not cleaned.get("ward"):
            match = unit_resolve(old_name)
            if match is None:
                self.add_error("old_place_name", _("We could not recognise this place name."))
            else:
                cleaned["province"] = match.province
                self.fields["ward"].queryset = Ward.objects.filter(province=match.province)
                if match.ward:
                    cleaned["ward"] = match.ward
                    self.errors.pop("ward", None)
                    self.errors.pop("province", None)
                self.unit_match = match
        ward, province = cleaned.get("ward"), cleaned.get("province")
        if ward and province and ward.province_id != province.pk:
            self.add_error("ward", _("This ward is not in the chosen province."))
        return cleaned

    def save_address(self, instance: Address | None = None) -> Address:
        address = instance or Address()
        address.street = self.cleaned_data["street"]
        address.ward = self.cleaned_data["ward"]
        address.province = self.cleaned_data["province"]
        address.save()
        return address
