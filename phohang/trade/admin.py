from django.contrib import admin

from .models import (
    BuyerOrganisation,
    Delivery,
    Demand,
    Match,
    MatchingJob,
    Offer,
    Quote,
    StatusChange,
    SupplyContract,
)


@admin.register(BuyerOrganisation)
class BuyerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province"]
    list_filter = ["kind"]
    search_fields = ["name", "tax_code"]
    filter_horizontal = ["members"]


@admin.register(Demand)
class DemandAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "quantity", "unit", "status", "closing_date"]
    list_filter = ["status", "visibility", "frequency"]
    search_fields = ["title"]
    raw_id_fields = ["organisation", "product", "delivery_ward", "created_by"]
    readonly_fields = ["status", "awarded_quantity"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "seller", "quantity", "unit", "period", "status"]
    list_filter = ["status", "period"]
    search_fields = ["title"]
    raw_id_fields = ["seller", "product", "created_by"]
    readonly_fields = ["status"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["demand", "seller", "price_per_unit_vnd", "quantity", "status"]
    list_filter = ["status"]
    raw_id_fields = ["demand", "seller", "offer", "created_by"]
    readonly_fields = ["status", "accepted_quantity"]


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    readonly_fields = ["status", "shipped_at", "received_at"]


@admin.register(SupplyContract)
class SupplyContractAdmin(admin.ModelAdmin):
    list_display = ["organisation", "seller", "quantity", "total_vnd", "status", "signed_at"]
    list_filter = ["status"]
    raw_id_fields = ["quote", "demand", "organisation", "seller", "signed_by"]
    readonly_fields = ["status"]
    inlines = [DeliveryInline]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["demand", "offer", "score", "updated_at"]
    raw_id_fields = ["demand", "offer"]


@admin.register(MatchingJob)
class MatchingJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "demand", "offer", "status", "progress", "created_at"]
    raw_id_fields = ["demand", "offer"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["object_type", "object_id", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["object_type"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
