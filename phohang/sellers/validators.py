"""Vietnamese identity numbers: tax codes (MST) and 12-digit citizen IDs (CCCD)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.vn import mst

# First three digits of a CCCD: the province of birth registration under the 2016 code list.
_CCCD_PROVINCE_CODES = {
    1,
    2,
    4,
    6,
    8,
    10,
    11,
    12,
    14,
    15,
    17,
    19,
    20,
    22,
    24,
    25,
    26,
    27,
    30,
    31,
    33,
    34,
    35,
    36,
    37,
    38,
    40,
    42,
    44,
    45,
    46,
    48,
    49,
    51,
    52,
    54,
    56,
    58,
    60,
    62,
    64,
    66,
    67,
    68,
    70,
    72,
    74,
    75,
    77,
    79,
    80,
    82,
    83,
    84,
    86,
    87,
    89,
    91,
    92,
    93,
    94,
    95,
    96,
}


_SEPARATORS_RE = re.compile(r"[\s.\-]")
_ASCII_DIGITS_RE = re.compile(r"[0-9]+")


def _digits(raw: str) -> str:
    """Full-width digits become ASCII (NFKC); any other digit script stays and is refused later.

    str.isdigit() accepts e.g. Arabic-Indic digits, which would give a second, different blind
    index for the same ID number and slip past the duplicate check.
    """
    value = _SEPARATORS_RE.sub("", unicodedata.normalize("NFKC", raw or ""))
    return value if _ASCII_DIGITS_RE.fullmatch(value) else ""


def normalize_tax_code(raw: str) -> str:
    """Return a valid MST as 10 digits or 10-3 digits ('0100109106-001'), or raise."""
    digits = _digits(raw)
    if len(digits) not in (10, 13):
        raise ValidationError(
            _("A tax code (MST) has 10 digits, or 13 digits for a branch."), code="mst_length"
        )
    try:
        mst.validate(digits)
    except StdnumError as error:
        raise ValidationError(
            _("This tax code (MST) is not valid: its check digit does not match."),
            code="mst_checksum",
        ) from error
    return digits if len(digits) == 10 else f"{digits[:10]}-{digits[10:]}"


def normalize_citizen_id(raw: str) -> str:
    """Return a plausible 12-digit CCCD or raise; the checks are structural, not a registry lookup."""
    digits = _digits(raw)
    if len(digits) != 12:
        raise ValidationError(_("A citizen ID (CCCD) has exactly 12 digits."), code="cccd_length")
    if int(digits[:3]) not in _CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("The first three digits of the citizen ID are not a province code."),
            code="cccd_province",
        )
    return digits


def normalize_business_registration_number(raw: str) -> str:
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw or "")).upper()
    if not re.fullmatch(r"[0-9A-Z.\-/]{6,30}", value, flags=re.ASCII):
        raise ValidationError(
            _(
                "Enter the registration number as printed on the certificate (6–30 letters and digits)."
            ),
            code="brn_format",
        )
    return value
