import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phohang.catalog.models import Category
from phohang.core.forms import Form
from phohang.core.text import sorted_vietnamese
from phohang.core.widgets import DayInput

from .models import Complaint, DataRequest, ScreeningRule, Takedown

DATE = DayInput()
EMPTY = [("", _("— choose —"))]


class NoteForm(Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ScreeningRuleForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EMPTY + list(ScreeningRule.Kind.choices))
    phrase = forms.CharField(label=_("Words"), max_length=120, required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    note = forms.CharField(label=_("Legal basis or note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = sorted_vietnamese(
            Category.objects.filter(is_active=True).only("pk", "name_vi", "name_en"),
            key=lambda category: category.name,
        )
        self.fields["category"].choices = EMPTY + [(str(c.pk), c.name) for c in categories]


class TakedownForm(Form):
    kind = forms.ChoiceField(label=_("Type of order"), choices=EMPTY + list(Takedown.Kind.choices))
    target = forms.CharField(
        label=_("Code of the listing or seller"),
        max_length=40,
        help_text=_("The code shown on the listing's or seller's moderation page."),
    )
    reason = forms.CharField(
        label=_("Reason shown to the seller"), widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_basis = forms.CharField(
        label=_("Document or legal basis"), max_length=200, required=False
    )


class AppealForm(Form):
    text = forms.CharField(label=_("Your appeal"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}))


class ComplaintForm(Form):
    target = forms.ChoiceField(label=_("About"), choices=EMPTY + list(Complaint.Target.choices))
    reference = forms.CharField(
        label=_("Code of the order, listing, seller or stream"),
        max_length=80,
        help_text=_("Choose one of your orders below, or paste the code from the page."),
    )
    body = forms.CharField(
        label=pgettext_lazy("complaint", "What happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence = forms.FileField(
        label=_("Evidence (photo or PDF)"),
        required=False,
        help_text=_("JPEG, PNG or PDF, up to 5 MB."),
    )


class ResolveForm(Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=EMPTY + [c for c in Complaint.Outcome.choices if c[0]]
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    refund_vnd = forms.IntegerField(
        label=_("Amount to refund (đồng)"),
        help_text=_("Only for a refund; empty refunds everything paid and not yet refunded."),
        min_value=1,
        required=False,
    )


class DataRequestForm(Form):
    kind = forms.ChoiceField(label=_("Request"), choices=EMPTY + list(DataRequest.Kind.choices))
    details = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PeriodForm(Form):
    start = forms.DateField(label=_("From date"), widget=DATE)
    end = forms.DateField(label=_("To date"), widget=DATE)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end date is before the start date."))
            if (end - start).days > 366:
                raise forms.ValidationError(_("A report covers at most one year."))
        return cleaned

    @staticmethod
    def last_month() -> tuple[datetime.date, datetime.date]:
        first_this_month = timezone.localdate().replace(day=1)
        end = first_this_month - datetime.timedelta(days=1)
        return end.replace(day=1), end


class FeeNoticeForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    details = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 4}))
    effective_from = forms.DateField(label=_("Applies from"), widget=DATE)


class RulesForm(Form):
    version = forms.CharField(label=_("Version"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    effective_from = forms.DateTimeField(
        label=_("In force from"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
