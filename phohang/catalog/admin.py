from django import forms
from django.contrib import admin
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .models import Category, Product, ProductVariant
from .selectors import CATEGORY_TREE_CACHE_KEY


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["parent", "name_vi", "name_en", "slug", "is_ocop_group", "position", "is_active"]

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        # Walking up from the new parent must never reach this category, or the tree loops.
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise forms.ValidationError(_("A category cannot sit under itself."))
            node = node.parent
        return parent


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = [
        "name_vi",
        "name_en",
        "parent",
        "slug",
        "is_ocop_group",
        "position",
        "is_active",
    ]
    list_editable = ["position", "is_active"]
    list_filter = ["is_ocop_group", "is_active", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name_vi", "name_en", "slug"]
    ordering = ["parent__position", "parent_id", "position", "name_vi"]

    # Menus read a cached tree; drop it so an edit shows on the next page.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.delete(CATEGORY_TREE_CACHE_KEY)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        cache.delete(CATEGORY_TREE_CACHE_KEY)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        cache.delete(CATEGORY_TREE_CACHE_KEY)


class ProductVariantInline(admin.TabularInline):
    model = ProductVariant
    fields = ["name", "sku", "gtin", "price_vnd", "stock_on_hand", "stock_reserved"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    """Read-only view for staff; changes go through the seller and authority pages."""

    # The catalog services validate, audit-log and notify the search index; a raw admin save
    # would skip all three, so edits, state changes and OCOP checks stay in those pages.

    inlines = [ProductVariantInline]
    list_display = ["title", "seller", "status", "category", "origin_province", "published_at"]
    list_filter = ["status", "origin_province", "category"]
    list_select_related = ["seller", "category", "origin_province"]
    search_fields = ["title"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
