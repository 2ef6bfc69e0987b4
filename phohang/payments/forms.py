from django import forms
from django.utils.translation import gettext_lazy as _

from phohang.core.forms import Form


class PayForm(Form):
    method = forms.ChoiceField(
        choices=[("vietqr", _("Bank transfer (VietQR)")), ("vnpay", _("Card or wallet (VNPay)"))],
        widget=forms.RadioSelect,
    )


class RefundForm(Form):
    amount_vnd = forms.IntegerField(label=_("Amount to refund (₫)"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
    idempotency_key = forms.CharField(max_length=100, widget=forms.HiddenInput)


class StatementForm(Form):
    file = forms.FileField(label=_("Bank statement (CSV or XLSX)"))


class ResolveForm(Form):
    payment_reference = forms.CharField(
        label=_("Credit to payment reference"), max_length=20, required=False
    )


class PayoutForm(Form):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7)
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")])
