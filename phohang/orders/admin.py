from django.contrib import admin

from .models import CommissionRate, Order, OrderEvent, OrderLine


@admin.register(CommissionRate)
class CommissionRateAdmin(admin.ModelAdmin):
    list_display = ["category", "percent"]
    list_editable = ["percent"]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    readonly_fields = ["title", "sku", "unit_price_vnd", "quantity", "weight_grams"]
    fields = readonly_fields


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "note", "created_at"]
    fields = readonly_fields


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-only: orders change only through the state machine."""

    list_display = ["number", "seller", "buyer", "status", "total_vnd", "created_at"]
    list_filter = ["status", "payment_method"]
    search_fields = ["number"]
    inlines = [OrderLineInline, OrderEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
