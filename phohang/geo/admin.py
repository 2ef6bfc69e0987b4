from django.contrib import admin

from .models import Province, Ward


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type"]
    search_fields = ["name", "short_name"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "division_type"]
    list_filter = ["province"]
    search_fields = ["name", "folded_name"]
