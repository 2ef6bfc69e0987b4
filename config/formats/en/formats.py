"""Days are typed day first in both languages (Vietnam writes 31/12/2026); ISO dates from links
and exports are read too. Other formats come from Django's own locale files."""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
