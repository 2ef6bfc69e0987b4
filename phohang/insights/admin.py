from django.contrib import admin

from .models import OfficialStatistic, StatisticsImport, Target
from .periods import period_parse


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "period", "value", "unit", "note")
    list_filter = ("indicator", "period_kind")

    def save_model(self, request, obj, form, change):
        obj.period, obj.period_kind, obj.period_start = period_parse(obj.period)
        super().save_model(request, obj, form, change)


@admin.register(OfficialStatistic)
class OfficialStatisticAdmin(admin.ModelAdmin):
    list_display = ("indicator", "period", "value", "unit", "source")
    list_filter = ("indicator", "period_kind")
    readonly_fields = ("batch",)


@admin.register(StatisticsImport)
class StatisticsImportAdmin(admin.ModelAdmin):
    list_display = ("original_name", "rows_total", "rows_imported", "created_at")
    readonly_fields = ("original_name", "imported_by", "rows_total", "rows_imported", "errors")
