from django.contrib import admin

from .models import Seller, SellerApplication, SellerMember


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["name", "seller_type", "province", "is_verified", "is_active"]
    list_filter = ["seller_type", "province", "is_verified"]
    search_fields = ["name", "tax_code"]
    exclude = ["citizen_id_digest"]


@admin.register(SellerApplication)
class SellerApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "seller_type", "status", "submitted_at"]
    list_filter = ["status", "seller_type"]
    exclude = ["citizen_id_encrypted", "citizen_id_digest"]
    readonly_fields = ["citizen_id_masked"]


admin.site.register(SellerMember)
