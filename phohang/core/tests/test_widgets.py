"""Days are typed day first (dd/mm/yyyy) in both languages; a browser date picker is not used."""

from datetime import date

import pytest
from django import forms
from django.utils import translation

from phohang.core.widgets import DayInput


class DayForm(forms.Form):
    day = forms.DateField(widget=DayInput())


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("typed", ["31/12/2026", "31-12-2026", "31.12.2026", "2026-12-31"])
def test_a_day_is_read_day_first_or_iso_in_both_languages(language, typed):
    with translation.override(language):
        form = DayForm({"day": typed})

        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == date(2026, 12, 31)


def test_a_month_first_day_is_refused_with_a_message():
    with translation.override("vi"):
        form = DayForm({"day": "12/31/2026"})

        assert not form.is_valid()
        assert form.errors["day"] == ["Nhập một ngày hợp lệ."]


def test_the_box_is_text_showing_day_first_with_a_vietnamese_hint():
    with translation.override("vi"):
        html = str(DayForm(initial={"day": date(2026, 3, 4)})["day"])

    assert 'type="text"' in html and 'value="04/03/2026"' in html
    assert 'placeholder="ngày/tháng/năm"' in html and 'inputmode="numeric"' in html
