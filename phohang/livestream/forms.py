from django import forms
from django.utils.translation import gettext_lazy as _

from phohang.core.forms import Form

from .models import MAX_COMMENT_LENGTH, MAX_WARNING_LENGTH, LiveSession


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ScheduleForm(Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    scheduled_start = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    scheduled_end = forms.DateTimeField(label=_("Ends at"), widget=DateTimeInput())
    player_url = forms.CharField(
        label=_("Player embed address"),
        max_length=500,
        help_text=_("The https embed address your streaming service gives for the live video."),
    )
    host = forms.TypedChoiceField(label=_("Presenter"), coerce=int)

    def __init__(self, *args, presenters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].choices = [
            (user.pk, user.full_name or str(user)) for user in presenters
        ]


class DocumentsForm(Form):
    business_conditions = forms.BooleanField(
        label=_("The shop meets the business conditions for the goods sold in this session"),
        required=False,
    )
    product_quality = forms.BooleanField(
        label=_("Quality documents (certificates, announcements) for the goods are on file"),
        required=False,
    )
    advertising = forms.ChoiceField(
        label=_("Advertising content"),
        choices=LiveSession.Advertising.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class PinForm(Form):
    product = forms.UUIDField(label=_("Product"))
    warning = forms.CharField(
        label=_("Warning shown over the video"),
        max_length=MAX_WARNING_LENGTH,
        required=False,
        help_text=_("Required for goods that can harm health or property."),
    )


class CommentForm(Form):
    body = forms.CharField(label=_("Comment"), max_length=MAX_COMMENT_LENGTH)


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class BuyForm(Form):
    variant = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=99, initial=1)


class StreamerForm(Form):
    email = forms.EmailField(label=_("Email of the streamer's account"))
    display_name = forms.CharField(label=_("Display name"), max_length=120, required=False)
