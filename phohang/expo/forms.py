from django import forms
from django.utils.translation import gettext_lazy as _

from phohang.catalog.models import Category, Product
from phohang.core.forms import Form
from phohang.core.uploads import CleanUpload, clean_document
from phohang.core.widgets import DayInput
from phohang.geo.models import Province

from .models import Booth, Event, Exhibitor, Hall, MeetingOutcome, Registration, Venue
from .services import EventData

DateInput = DayInput  # days are typed dd/mm/yyyy (a browser picker shows mm/dd/yyyy here)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ServiceErrorsMixin:
    def add_service_error(self, error) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, str(error.message))


class EventForm(ServiceErrorsMixin, Form):
    name_vi = forms.CharField(label=_("Vietnamese name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())
    venue = forms.ModelChoiceField(
        label=_("Venue"), queryset=Venue.objects.all(), empty_label=_("Choose a venue")
    )
    hall_ids = forms.ModelMultipleChoiceField(
        label=_("Halls"),
        queryset=Hall.objects.select_related("venue"),
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Product categories"),
        queryset=Category.objects.filter(parent__isnull=True).order_by("name_vi"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    exhibitors_open_on = forms.DateField(label=_("Exhibitor applications open"), widget=DateInput())
    exhibitors_close_on = forms.DateField(
        label=_("Exhibitor applications close"), widget=DateInput()
    )
    visitors_open_on = forms.DateField(label=_("Visitor registration opens"), widget=DateInput())
    visitors_close_on = forms.DateField(label=_("Visitor registration closes"), widget=DateInput())
    booth_fee_vnd = forms.IntegerField(
        label=_("Booth fee per 3 m × 3 m cell (₫)"), min_value=0, max_value=1_000_000_000
    )
    meeting_day = forms.DateField(
        label=_("B2B meeting day"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for an event without B2B meetings."),
    )
    first_slot_at = forms.TimeField(label=_("First meeting starts"), widget=TimeInput())
    slot_minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=5, max_value=120)
    slot_count = forms.IntegerField(label=_("Meeting slots"), min_value=1, max_value=48)
    tables = forms.IntegerField(label=_("Meeting tables"), min_value=1, max_value=500)
    max_meetings = forms.IntegerField(
        label=_("Meetings per person at most"), min_value=1, max_value=48
    )
    requests_need_acceptance = forms.BooleanField(
        label=_("Requests need the other side's acceptance"), required=False
    )
    booking = forms.ChoiceField(label=_("Meeting booking"), choices=Event.Booking.choices)
    everyone_meets = forms.BooleanField(
        label=_("Give everyone at least one meeting"), required=False
    )
    is_published = forms.BooleanField(label=_("Publish the event page now"), required=False)

    def event_data(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            name_vi=data["name_vi"],
            name_en=data["name_en"],
            kind=data["kind"],
            description=data["description"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            venue_id=data["venue"].pk,
            hall_ids=[hall.pk for hall in data["hall_ids"]],
            category_ids=[category.pk for category in data["categories"]],
            exhibitors_open_on=data["exhibitors_open_on"],
            exhibitors_close_on=data["exhibitors_close_on"],
            visitors_open_on=data["visitors_open_on"],
            visitors_close_on=data["visitors_close_on"],
            booth_fee_vnd=data["booth_fee_vnd"],
            meeting_day=data["meeting_day"],
            first_slot_at=data["first_slot_at"],
            slot_minutes=data["slot_minutes"],
            slot_count=data["slot_count"],
            tables=data["tables"],
            max_meetings=data["max_meetings"],
            requests_need_acceptance=data["requests_need_acceptance"],
            booking=data["booking"],
            everyone_meets=data["everyone_meets"],
            is_published=data["is_published"],
        )


class BoothForm(ServiceErrorsMixin, Form):
    hall = forms.ModelChoiceField(label=_("Hall"), queryset=Hall.objects.none(), empty_label=None)
    code = forms.CharField(label=_("Booth code"), max_length=12)
    column = forms.IntegerField(label=_("Column (from 0)"), min_value=0, max_value=59)
    row = forms.IntegerField(label=_("Row (from 0)"), min_value=0, max_value=59)
    width = forms.IntegerField(label=_("Width (cells)"), min_value=1, max_value=10, initial=1)
    depth = forms.IntegerField(label=_("Depth (cells)"), min_value=1, max_value=10, initial=1)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hall"].queryset = event.halls.all()


class ApplyForm(ServiceErrorsMixin, Form):
    seller = forms.ModelChoiceField(label=_("Seller"), queryset=None, empty_label=None)
    booth_size = forms.ChoiceField(label=_("Booth size"), choices=Exhibitor.BoothSize.choices)
    preferred_hall = forms.ModelChoiceField(
        label=_("Preferred hall"),
        queryset=Hall.objects.none(),
        required=False,
        empty_label=_("No preference"),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products to show"),
        queryset=Product.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Note to the organiser"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    document = forms.FileField(
        label=_("Document for the organiser"),
        help_text=_(
            "One PDF, JPEG or PNG file: for example your business registration or OCOP certificate."
        ),
        required=False,
    )

    def __init__(self, *args, event: Event, sellers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seller"].queryset = sellers
        self.fields["preferred_hall"].queryset = event.halls.all()
        self.fields["products"].queryset = Product.objects.filter(
            seller__in=sellers, status=Product.Status.PUBLISHED
        ).order_by("title")

    def clean_document(self) -> CleanUpload | None:
        upload = self.cleaned_data.get("document")
        return clean_document(upload) if upload else None


class DecisionForm(Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
    booth = forms.ModelChoiceField(
        label=_("Booth"), queryset=Booth.objects.none(), required=False, empty_label=_("Automatic")
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = event.booths.filter(exhibitor__isnull=True)


class RegistrationForm(ServiceErrorsMixin, Form):
    kind = forms.ChoiceField(
        label=_("I come as"), choices=Registration.Kind.choices, widget=forms.RadioSelect
    )
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("Choose a province"),
    )
    seeking = forms.CharField(
        label=_("What you are looking for"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories you buy"),
        queryset=Category.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = event.categories.order_by("name_vi")


class AvailabilityForm(ServiceErrorsMixin, Form):
    slots = forms.TypedMultipleChoiceField(
        label=_("I can meet in these slots"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    max_meetings = forms.IntegerField(label=_("Meetings at most"), min_value=1, max_value=48)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = [
            (slot, event.slot_label(slot)) for slot in range(event.slot_count)
        ]

    def clean_slots(self):
        return self.cleaned_data["slots"]


class OutcomeForm(ServiceErrorsMixin, Form):
    result = forms.ChoiceField(label=_("What happened"), choices=MeetingOutcome.Result.choices)
    deal_value_vnd = forms.IntegerField(
        label=_("Deal value (₫)"), min_value=0, max_value=10**13, required=False
    )


class CheckInForm(Form):
    token = forms.CharField(label=_("Ticket code"), max_length=40)


class VenueForm(ServiceErrorsMixin, Form):
    name = forms.CharField(label=_("Venue name"), max_length=160)
    address = forms.CharField(label=_("Address"), max_length=240)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("sort_order"),
        empty_label=_("Choose a province"),
    )


class HallForm(ServiceErrorsMixin, Form):
    name = forms.CharField(label=_("Hall name"), max_length=80)
    columns = forms.IntegerField(
        label=_("Columns of 3 m cells"),
        min_value=1,
        max_value=60,
        error_messages={
            key: _("A hall has 1 to 60 columns and 1 to 60 rows of cells.")
            for key in ("min_value", "max_value", "invalid")
        },
    )
    rows = forms.IntegerField(
        label=_("Rows of 3 m cells"),
        min_value=1,
        max_value=60,
        error_messages={
            key: _("A hall has 1 to 60 columns and 1 to 60 rows of cells.")
            for key in ("min_value", "max_value", "invalid")
        },
    )


class OrganiserForm(ServiceErrorsMixin, Form):
    email = forms.EmailField(label=_("E-mail of the account to add"), max_length=254)
