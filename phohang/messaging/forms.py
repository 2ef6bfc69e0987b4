from django import forms
from django.utils.translation import gettext_lazy as _

from phohang.core.forms import Form

from .models import MAX_MESSAGE_LENGTH


class MessageForm(Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": _("Ask about the product, delivery, wholesale…")}
        ),
        error_messages={"required": _("Write a message first.")},
    )


class ReportForm(Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=300,
        error_messages={"required": _("Say what is wrong with this message.")},
    )


class HideForm(Form):
    reason = forms.CharField(
        label=_("Reason for hiding (kept in the audit log)"),
        max_length=300,
        error_messages={"required": _("Give the reason for hiding the message.")},
    )
