from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phohang.core.forms import Form
from phohang.core.widgets import DayInput
from phohang.geo.selectors import province_list

from .models import Indicator, PeriodKind
from .periods import period_parse
from .selectors import Filters, filters_default

MAX_RANGE_DAYS = 366 * 10


class FilterForm(Form):
    start = forms.DateField(label=pgettext_lazy("date range", "From"), widget=DayInput())
    end = forms.DateField(label=pgettext_lazy("date range", "To"), widget=DayInput())
    grain = forms.ChoiceField(label=_("Group by"), choices=PeriodKind.choices)
    province = forms.ChoiceField(label=_("Seller province"), required=False)

    def __init__(self, *args, only_province: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = [(p.code, p.short_name) for p in province_list()]
        if only_province:  # a province's officer sees that province's figures only
            self.fields["province"].choices = [c for c in provinces if c[0] == only_province]
            self.fields["province"].required = True
        else:
            self.fields["province"].choices = [("", _("All provinces"))] + provinces

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise ValidationError(_("The start date must not be after the end date."))
            if (end - start).days > MAX_RANGE_DAYS:
                raise ValidationError(_("Choose a range of at most ten years."))
            if start < date(2000, 1, 1):
                raise ValidationError(_("Choose dates from the year 2000 on."))
        return data


def filters_from_request(request) -> tuple[FilterForm, Filters]:
    """Bound form and the filters it gives; invalid or missing input falls back to the default.

    An officer of one province gets that province as the default and the only choice.
    """
    scope = request.user.province_scope
    if scope.is_empty:
        raise PermissionDenied
    only = None if scope.is_everywhere else scope.province_id
    default = filters_default()
    if only:
        default = Filters(default.start, default.end, default.grain, only)
    initial = {
        "start": default.start,
        "end": default.end,
        "grain": default.grain,
        "province": default.province,
    }
    if not any(key in request.GET for key in initial):
        return FilterForm(initial=initial, only_province=only), default
    data = {key: request.GET.get(key, str(value)) for key, value in initial.items()}
    form = FilterForm(data, only_province=only)
    if not form.is_valid():
        return form, default
    cleaned = form.cleaned_data
    return form, Filters(cleaned["start"], cleaned["end"], cleaned["grain"], cleaned["province"])


class TargetForm(Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=Indicator.choices)
    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("A year (2026), a quarter (2026-Q1) or a month (2026-03)."),
    )
    value = forms.DecimalField(label=_("Target value"), max_digits=12, decimal_places=2)
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="%/năm")
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_period(self):
        try:
            return period_parse(self.cleaned_data["period"])[0]
        except ValueError as error:
            raise ValidationError(
                _("Write a year (2026), a quarter (2026-Q1) or a month (2026-03).")
            ) from error


class StatisticsImportForm(Form):
    file = forms.FileField(
        label=_("Official statistics file (CSV or XLSX)"),
        help_text=_("Columns: indicator, period, value, unit, source."),
    )
