import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class MaximumLengthValidator:
    """Long passphrases are welcome (no truncation), but not unbounded input to the hasher."""

    def __init__(self, max_length: int = 256):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                _("Your password can be at most %(max)d characters."),
                code="password_too_long",
                params={"max": self.max_length},
            )

    def get_help_text(self):
        return _("Your password can be at most %(max)d characters.") % {"max": self.max_length}


def normalize_vietnamese_mobile(raw: str) -> str:
    """Return a Vietnamese mobile number in E.164 (+849xxxxxxxx) or raise ValidationError."""
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Enter a valid Vietnamese mobile number, e.g. 0912 345 678."), code="phone_invalid"
        ) from error
    if (
        number.country_code != 84
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise ValidationError(
            _("Enter a valid Vietnamese mobile number, e.g. 0912 345 678."), code="phone_invalid"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(identifier: str) -> bool:
    stripped = identifier.replace(" ", "").replace(".", "").replace("-", "")
    return bool(stripped) and stripped.lstrip("+").isdigit()
