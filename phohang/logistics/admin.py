from django.contrib import admin

from .models import Hub, PlanRun, Shipment, Stop, TruckClassRule, TruckZone, Vehicle


class TruckClassRuleInline(admin.TabularInline):
    model = TruckClassRule
    extra = 0


@admin.register(TruckZone)
class TruckZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_basis", "is_active"]
    inlines = [TruckClassRuleInline]


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ward", "opens_at", "closes_at", "is_active"]
    filter_horizontal = ["managers"]
    raw_id_fields = ["ward"]


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["name", "plate", "hub", "capacity_kg", "gross_weight_kg", "is_active"]
    list_filter = ["hub"]


@admin.register(Stop)
class StopAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "run_date", "window_start", "window_end", "status"]
    list_filter = ["hub", "run_date"]
    raw_id_fields = ["ward", "order", "contract_delivery"]


@admin.register(PlanRun)
class PlanRunAdmin(admin.ModelAdmin):
    list_display = ["hub", "run_date", "status", "progress", "created_at"]
    readonly_fields = ["result"]


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["tracking_code", "carrier", "status", "seller", "cod_vnd", "cod_collected_vnd"]
    list_filter = ["carrier", "status"]
    raw_id_fields = ["order", "contract_delivery", "buyer", "seller"]
