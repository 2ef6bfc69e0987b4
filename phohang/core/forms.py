"""Form base classes that apply the project's text rules to every text field."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .text import clean_free_text, clean_identifier, clean_line, has_invisible_characters

# The empty choice Django gives a select of a model field's choices; Django ships no Vietnamese
# for it, so the core catalogue carries it.
gettext_noop("- Select an option -")


def _normalising_clean(field: forms.Field, kind: str) -> Callable[[Any], Any]:
    original_clean = field.clean

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            if kind == "identifier":
                if has_invisible_characters(value):
                    raise ValidationError(
                        _("Invisible characters are not allowed here."), code="invisible"
                    )
                value = clean_identifier(value)
            elif kind == "multiline":
                value = clean_free_text(value)
            else:
                value = clean_line(value)
        return original_clean(value)

    return clean


class CleanTextMixin:
    """NFC-normalise text input before validation; refuse invisible characters in identifiers."""

    identifier_fields: tuple[str, ...] = ()
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.PasswordInput
            ):
                continue
            if name in self.identifier_fields or isinstance(field, forms.EmailField):
                kind = "identifier"
            elif isinstance(field.widget, forms.Textarea):
                kind = "multiline"
            else:
                kind = "line"
            field.clean = _normalising_clean(field, kind)  # type: ignore[method-assign,assignment]


class Form(CleanTextMixin, forms.Form):
    pass


class ModelForm(CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass
