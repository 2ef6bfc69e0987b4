from django.contrib import admin

from .models import DailyNeed, Market, PriceProduct, Trader


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "code", "opens_at", "closes_at"]
    filter_horizontal = ["managers"]
    raw_id_fields = ["ward", "hub"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Trader)
class TraderAdmin(admin.ModelAdmin):
    list_display = ["stall", "name", "market", "goods_group", "is_active"]
    list_filter = ["market", "goods_group"]
    raw_id_fields = ["seller", "users"]


@admin.register(PriceProduct)
class PriceProductAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "goods_group", "is_essential", "sort_order", "is_active"]
    list_filter = ["goods_group", "is_essential"]


@admin.register(DailyNeed)
class DailyNeedAdmin(admin.ModelAdmin):
    list_display = ["goods_group", "tonnes_per_day", "updated_at"]
