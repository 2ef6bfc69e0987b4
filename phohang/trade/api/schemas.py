"""The trade API's request and response bodies."""

from datetime import date
from uuid import UUID

from ninja import Field, Schema

from ..explain import match_reasons
from ..models import Demand, mask_to_months


class OrganisationIn(Schema):
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    province_code: str = Field(max_length=2)
    tax_code: str = Field("", max_length=14)


class OrganisationOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    kind: str
    province_code: str = Field(alias="province_id")


class PostingIn(Schema):
    """What a demand and an offer both say."""

    title: str = Field(max_length=200)
    description: str = Field("", max_length=8000)
    category_id: int
    product_id: UUID | None = None
    quantity: int
    unit: str = Field(max_length=10)
    certifications: list[str] = Field(default_factory=list, max_length=10)
    notify_me: bool = False


class PostingOut(Schema):
    """What a demand and an offer both show."""

    id: UUID = Field(alias="public_id")
    title: str
    description: str
    category_id: int
    quantity: int
    unit: str
    certifications: list[str]
    status: str


class DemandIn(PostingIn):
    organisation_id: UUID
    frequency: str = Field(max_length=10)
    delivery_province_code: str = Field(max_length=2)
    delivery_ward_code: str | None = Field(None, max_length=5)
    delivery_start: date
    delivery_end: date
    min_ocop_stars: int = 0
    price_ceiling_vnd: int | None = None
    closing_date: date
    visibility: str = Field(Demand.Visibility.PUBLIC, max_length=10)
    invited_seller_ids: list[UUID] = Field(default_factory=list, max_length=100)


class DemandOut(PostingOut):
    organisation: str = Field(alias="organisation.name")
    frequency: str
    delivery_province_code: str = Field(alias="delivery_province_id")
    delivery_ward_code: str | None = Field(None, alias="delivery_ward_id")
    delivery_start: date
    delivery_end: date
    min_ocop_stars: int
    price_ceiling_vnd: int | None
    closing_date: date
    visibility: str
    awarded_quantity: int


class OfferIn(PostingIn):
    seller_id: UUID | None = None
    period: str = Field(max_length=10)
    season_months: list[int] = Field(default_factory=list, max_length=12)
    origin_province_code: str = Field(max_length=2)
    price_min_vnd: int
    price_max_vnd: int
    ocop_stars: int = 0
    minimum_order: int = 0


class OfferOut(PostingOut):
    seller: str = Field(alias="seller.name")
    period: str
    season_months: list[int]
    origin_province_code: str = Field(alias="origin_province_id")
    price_min_vnd: int
    price_max_vnd: int
    ocop_stars: int
    minimum_order: int

    @staticmethod
    def resolve_season_months(obj):
        return mask_to_months(obj.season_mask)


class ReasonOut(Schema):
    name: str
    label: str
    points: float
    max: int
    text: str


class MatchOut(Schema):
    demand_id: UUID
    offer_id: UUID
    score: int
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_demand_id(obj):
        return obj.demand.public_id

    @staticmethod
    def resolve_offer_id(obj):
        return obj.offer.public_id

    @staticmethod
    def resolve_reasons(obj):
        return match_reasons(obj.breakdown)


class MatchingOut(Schema):
    status: str
    progress: int
    matches: list[MatchOut]


class QuoteIn(Schema):
    seller_id: UUID | None = None
    price_per_unit_vnd: int
    quantity: int
    delivery_start: date
    delivery_end: date
    valid_until: date
    note: str = Field("", max_length=4000)


class QuoteOut(Schema):
    id: UUID = Field(alias="public_id")
    demand_id: UUID
    seller: str = Field(alias="seller.name")
    price_per_unit_vnd: int
    quantity: int
    delivery_start: date
    delivery_end: date
    valid_until: date
    note: str
    status: str
    accepted_quantity: int

    @staticmethod
    def resolve_demand_id(obj):
        return obj.demand.public_id


class AcceptIn(Schema):
    quantity: int | None = None


class MessageIn(Schema):
    body: str = Field(max_length=4000)


class MessageOut(Schema):
    is_from_buyer: bool
    body: str
    created_at: str

    @staticmethod
    def resolve_created_at(obj):
        return obj.created_at.isoformat()


class DeliveryOut(Schema):
    sequence: int
    due_date: date
    quantity: int
    status: str


class ContractOut(Schema):
    id: UUID = Field(alias="public_id")
    quote_id: UUID
    demand_id: UUID
    organisation: str = Field(alias="organisation.name")
    seller: str = Field(alias="seller.name")
    quantity: int
    unit: str
    price_per_unit_vnd: int
    total_vnd: int
    origin_province_code: str = Field(alias="origin_province_id")
    destination_province_code: str = Field(alias="destination_province_id")
    status: str
    deliveries: list[DeliveryOut]

    @staticmethod
    def resolve_quote_id(obj):
        return obj.quote.public_id

    @staticmethod
    def resolve_demand_id(obj):
        return obj.demand.public_id

    @staticmethod
    def resolve_deliveries(obj):
        return list(obj.deliveries.all())


class StatusIn(Schema):
    status: str = Field(max_length=12)
