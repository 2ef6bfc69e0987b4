"""The expo API's request and response shapes."""

from datetime import date, time
from uuid import UUID

from ninja import Field, Schema

from . import services


class EventOut(Schema):
    id: UUID = Field(alias="public_id")
    slug: str
    name_vi: str
    name_en: str
    kind: str
    starts_on: date
    ends_on: date
    venue: str = Field(alias="venue.name")
    province_code: str = Field(alias="venue.province_id")
    is_published: bool
    agenda: str
    meeting_day: date | None
    slot_count: int
    slot_minutes: int
    tables: int


class EventIn(Schema):
    name_vi: str = Field(max_length=200)
    name_en: str = Field("", max_length=200)
    kind: str = Field(max_length=12)
    description: str = Field("", max_length=8000)
    starts_on: date
    ends_on: date
    venue_id: int
    hall_ids: list[int] = Field(max_length=20)
    category_ids: list[int] = Field(default_factory=list, max_length=50)
    exhibitors_open_on: date
    exhibitors_close_on: date
    visitors_open_on: date
    visitors_close_on: date
    booth_fee_vnd: int = Field(0, ge=0, le=1_000_000_000)
    requests_need_acceptance: bool = True
    request_expiry_hours: int = Field(72, ge=1, le=720)
    booking: str = "scheduler"
    meeting_day: date | None = None
    first_slot_at: time = time(9, 0)
    slot_minutes: int = Field(20, ge=5, le=120)
    slot_count: int = Field(12, ge=1, le=48)
    tables: int = Field(20, ge=1, le=500)
    max_meetings: int = Field(8, ge=1, le=48)
    everyone_meets: bool = False
    is_published: bool = False


class BoothIn(Schema):
    hall_id: int
    code: str = Field(max_length=12)
    column: int = Field(ge=0, le=59)
    row: int = Field(ge=0, le=59)
    width: int = Field(1, ge=1, le=10)
    depth: int = Field(1, ge=1, le=10)


class BoothOut(Schema):
    code: str
    hall: str = Field(alias="hall.name")
    column: int
    row: int
    width: int
    depth: int


class ApplyIn(Schema):
    seller_id: UUID
    booth_size: str = "1x1"
    preferred_hall_id: int | None = None
    product_ids: list[UUID] = Field(default_factory=list, max_length=30)
    note: str = Field("", max_length=4000)


class ExhibitorOut(Schema):
    id: UUID = Field(alias="public_id")
    event: str = Field(alias="event.slug")
    seller: str = Field(alias="seller.name")
    status: str
    booth_size: str
    booth: str | None = Field(None, alias="booth.code")
    fee_vnd: int
    decision_reason: str


class DecisionIn(Schema):
    decision: str = Field(pattern="^(approve|reject|paid)$")
    reason: str = Field("", max_length=300)
    booth_code: str = Field("", max_length=12)


class RegistrationIn(Schema):
    kind: str = Field(max_length=8)
    full_name: str = Field(max_length=120)
    organisation: str = Field("", max_length=200)
    province_code: str | None = Field(None, max_length=2)
    seeking: str = Field("", max_length=2000)
    category_ids: list[int] = Field(default_factory=list, max_length=50)


class RegistrationOut(Schema):
    id: UUID = Field(alias="public_id")
    event: str = Field(alias="event.slug")
    kind: str
    full_name: str
    organisation: str
    ticket: str
    checked_in_at: str | None
    participant_id: UUID | None

    @staticmethod
    def resolve_ticket(obj) -> str:
        return services.ticket_token(obj)

    @staticmethod
    def resolve_checked_in_at(obj) -> str | None:
        return obj.checked_in_at.isoformat() if obj.checked_in_at else None

    @staticmethod
    def resolve_participant_id(obj) -> UUID | None:
        participant = getattr(obj, "participant", None)
        return participant.public_id if participant else None


class CheckInIn(Schema):
    token: str = Field(max_length=40)


class CheckInOut(Schema):
    full_name: str
    kind: str
    count: int


class ParticipantOut(Schema):
    id: UUID = Field(alias="public_id")
    role: str
    name: str
    available_slots: list[int]
    max_meetings: int


class MarkIn(Schema):
    counterpart_id: UUID
    preference: str = Field(pattern="^(must|want|no)$")


class RequestOut(Schema):
    id: UUID = Field(alias="public_id")
    requester: str = Field(alias="requester.name")
    recipient: str = Field(alias="recipient.name")
    preference: str
    priority: str
    status: str


class AnswerIn(Schema):
    accept: bool
    preference: str = Field("want", pattern="^(must|want)$")


class AvailabilityIn(Schema):
    slots: list[int] = Field(max_length=48)
    max_meetings: int


class MeetingOut(Schema):
    id: UUID = Field(alias="public_id")
    slot: int
    starts_at: str
    table: int
    buyer: str = Field(alias="buyer.name")
    exhibitor: str = Field(alias="exhibitor.name")
    status: str

    @staticmethod
    def resolve_starts_at(obj) -> str:
        return obj.event.slot_start(obj.slot).isoformat()

    @staticmethod
    def resolve_table(obj) -> int:
        return obj.table + 1


class MoveIn(Schema):
    slot: int = Field(ge=0, le=47)
    table: int | None = Field(None, ge=1, le=500)


class OutcomeIn(Schema):
    result: str = Field(pattern="^(met|deal|no_show)$")
    deal_value_vnd: int = Field(0, ge=0, le=10**13)


class RunIn(Schema):
    time_limit_s: int = Field(20, ge=1, le=60)


class RunOut(Schema):
    id: UUID = Field(alias="public_id")
    status: str
    phase: str
    progress: int
    objective: int | None
    requests_count: int
    meetings_count: int
