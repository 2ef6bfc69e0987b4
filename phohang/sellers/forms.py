from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from phohang.accounts.validators import normalize_vietnamese_mobile
from phohang.core.forms import Form
from phohang.core.uploads import clean_document, clean_image
from phohang.geo.forms import AddressFields

from .models import SellerType, VneidLevel
from .services import MAX_DOCUMENTS, ApplicationData
from .validators import (
    normalize_business_registration_number,
    normalize_citizen_id,
    normalize_tax_code,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_clean(item, initial) for item in data if item]
        return [single_clean(data, initial)] if data else []


class SellerApplicationForm(AddressFields):
    identifier_fields = ("tax_code", "business_registration_number", "citizen_id", "contact_phone")

    seller_type = forms.ChoiceField(label=_("I sell as"), choices=SellerType.choices)
    name = forms.CharField(
        label=_("Business or shop name"),
        max_length=200,
        help_text=_("As on your registration certificate, e.g. Hợp tác xã Chè Tân Cương."),
    )
    description = forms.CharField(
        label=_("What you make or sell"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tax_code = forms.CharField(
        label=_("Tax code (MST)"),
        max_length=20,
        required=False,
        help_text=_("Required for enterprises and cooperatives: 10 digits, or 13 for a branch."),
    )
    business_registration_number = forms.CharField(
        label=_("Business registration number"),
        max_length=30,
        required=False,
        help_text=_("Required for household businesses."),
    )
    citizen_id = forms.CharField(
        label=_("Citizen ID (CCCD)"),
        max_length=20,
        required=False,
        help_text=_(
            "12 digits; required for household businesses (owner) and individuals. Stored encrypted."
        ),
    )
    vneid_level = forms.TypedChoiceField(
        label=_("VNeID identification level"),
        choices=VneidLevel.choices,
        coerce=int,
        initial=VneidLevel.NONE,
    )
    representative_name = forms.CharField(label=_("Representative or owner"), max_length=120)
    contact_phone = forms.CharField(label=_("Contact mobile number"), max_length=20)
    documents = MultipleFileField(
        label=_("Supporting documents"),
        required=False,
        help_text=_(
            "PDF, JPEG or PNG, up to 10 MB each, at most 5 files: registration certificate, ID card scan."
        ),
    )
    consent_identity = forms.BooleanField(
        label=_(
            "I consent to Phố Hàng and the Department of Industry and Trade processing these identity details and documents to verify me as a seller."
        ),
        required=True,
    )

    field_order = [
        "seller_type",
        "name",
        "description",
        "tax_code",
        "business_registration_number",
        "citizen_id",
        "vneid_level",
        "representative_name",
        "contact_phone",
        "street",
        "province",
        "ward",
        "old_place_name",
        "documents",
        "consent_identity",
    ]

    def clean_tax_code(self):
        raw = self.cleaned_data.get("tax_code")
        return normalize_tax_code(raw) if raw else ""

    def clean_citizen_id(self):
        raw = self.cleaned_data.get("citizen_id")
        return normalize_citizen_id(raw) if raw else ""

    def clean_business_registration_number(self):
        raw = self.cleaned_data.get("business_registration_number")
        return normalize_business_registration_number(raw) if raw else ""

    def clean_contact_phone(self):
        return normalize_vietnamese_mobile(self.cleaned_data["contact_phone"])

    def clean_documents(self):
        uploads = self.cleaned_data.get("documents") or []
        if len(uploads) > MAX_DOCUMENTS:
            raise ValidationError(
                _("At most %(count)d documents can be attached.") % {"count": MAX_DOCUMENTS}
            )
        return [clean_document(upload) for upload in uploads]

    def application_data(self) -> ApplicationData:
        data = self.cleaned_data
        return ApplicationData(
            seller_type=data["seller_type"],
            name=data["name"],
            description=data.get("description", ""),
            tax_code=data.get("tax_code", ""),
            business_registration_number=data.get("business_registration_number", ""),
            citizen_id=data.get("citizen_id", ""),
            vneid_level=data["vneid_level"],
            representative_name=data["representative_name"],
            contact_phone=data["contact_phone"],
            street=data["street"],
            ward_id=data["ward"].pk,
            province_id=data["province"].pk,
        )

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None
                for message in messages:
                    self.add_error(target, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            ("reject", _("Reject")),
            ("needs_info", _("Ask for more information")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (shown to the applicant)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SellerProfileForm(Form):
    identifier_fields = ("contact_phone",)

    description = forms.CharField(
        label=_("About the shop"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact_phone = forms.CharField(label=_("Contact mobile number"), max_length=20, required=False)
    logo = forms.FileField(label=_("Logo (JPEG, PNG or WebP)"), required=False)

    def clean_contact_phone(self):
        raw = self.cleaned_data.get("contact_phone")
        return normalize_vietnamese_mobile(raw) if raw else ""

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return clean_image(upload) if upload else None


class InviteStaffForm(Form):
    email = forms.EmailField(label=_("Email address of the person to invite"), max_length=254)


class DirectoryFilterForm(Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    province = forms.CharField(required=False, max_length=2)
    seller_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *SellerType.choices]
    )
