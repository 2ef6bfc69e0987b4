"""Form widgets every app shares."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# Day first (31/12/2026, 31-12-2026, 31.12.2026) or ISO (2026-12-31), as DATE_INPUT_FORMATS reads.
DAY_PATTERN = r"[0-9]{1,2}[\/.\-][0-9]{1,2}[\/.\-][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}"


class DayInput(forms.DateInput):
    """A day typed as dd/mm/yyyy. A browser date picker shows its own locale's format (Chromium
    shows mm/dd/yyyy on Vietnamese pages), so this is a text box the server reads day first."""

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        defaults = {
            "placeholder": _("dd/mm/yyyy"),
            "pattern": DAY_PATTERN,
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": 12,
            "maxlength": 10,
            "title": _("Day, month and year, e.g. 31/12/2026"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or "%d/%m/%Y")
