from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from phohang.core.forms import Form
from phohang.core.widgets import DayInput

from . import tokens
from .audit_log import audit_action_choices
from .mfa import mfa_is_required
from .models import TokenScope, User
from .validators import normalize_vietnamese_mobile


class RegistrationForm(Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=20,
        help_text=_("Give an email address, a mobile number or both."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=400,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; a passphrase of several words is best."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=400,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accepts_terms = forms.BooleanField(
        label=_("I accept the terms of use and the privacy notice."), required=True
    )
    accepts_marketing = forms.BooleanField(
        label=_("Send me news and offers by email (optional)."), required=False
    )

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this email address already exists."))
        return email or None

    def clean_phone(self):
        raw = self.cleaned_data.get("phone")
        if not raw:
            return None
        phone = normalize_vietnamese_mobile(raw)
        if User.objects.filter(phone=phone).exists():
            raise ValidationError(_("An account with this mobile number already exists."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and not self.has_error("email")
            and not self.has_error("phone")
        ):
            raise ValidationError(_("Give an email address or a mobile number."))
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            candidate = User(
                email=cleaned.get("email"),
                phone=cleaned.get("phone"),
                full_name=cleaned.get("full_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(Form):
    identifier = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=400,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class OtpForm(Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ApiTokenForm(Form):
    name = forms.CharField(label=_("Token name"), max_length=80)
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=TokenScope.choices,
        initial=list(tokens.DEFAULT_SCOPES),
        widget=forms.CheckboxSelectMultiple,
    )
    lifetime_days = forms.TypedChoiceField(label=_("Valid for"), coerce=int)
    otp_code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = tokens.lifetime_choices(user)
        self.fields["lifetime_days"].choices = [
            (days, ngettext("%(days)s day", "%(days)s days", days) % {"days": days})
            for days in choices
        ]
        self.fields["lifetime_days"].initial = 30 if 30 in choices else choices[-1]
        if not mfa_is_required(user):
            del self.fields["otp_code"]


class AuditFilterForm(Form):
    action = forms.ChoiceField(label=_("What was done"), required=False)
    who = forms.CharField(label=_("Who"), required=False, max_length=100)
    object_type = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)
    since = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=DayInput(),
    )
    until = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=DayInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Everything")), *audit_action_choices()]
