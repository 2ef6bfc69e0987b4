from django.urls import path

from .views import authority, manage, public

app_name = "catalog"
urlpatterns = [
    path("san-pham/<slug:slug>-<uuid:public_id>/", public.product_detail, name="product"),
    path("danh-muc/", public.category_index, name="category_index"),
    path("danh-muc/<slug:slug>/", public.category_listing, name="category"),
    path("dac-san/", public.province_index, name="province_index"),
    path("dac-san/<slug:slug>/", public.province_listing, name="province"),
    path("ocop/", public.ocop_listing, name="ocop"),
    path("shop/products/", manage.product_list, name="manage_list"),
    path("shop/products/new/", manage.product_create, name="manage_create"),
    path("shop/products/import/", manage.import_upload, name="import_upload"),
    path(
        "shop/products/import/template.<str:extension>",
        manage.import_template,
        name="import_template",
    ),
    path("shop/products/import/<uuid:public_id>/", manage.import_detail, name="import_detail"),
    path("shop/products/export.<str:extension>", manage.export, name="export"),
    path("shop/products/<uuid:public_id>/", manage.product_edit, name="manage_edit"),
    path("shop/products/<uuid:public_id>/publish/", manage.product_publish, name="manage_publish"),
    path("shop/products/<uuid:public_id>/hide/", manage.product_hide, name="manage_hide"),
    path(
        "shop/products/<uuid:public_id>/duplicate/",
        manage.product_duplicate,
        name="manage_duplicate",
    ),
    path("shop/products/<uuid:public_id>/delete/", manage.product_delete, name="manage_delete"),
    path("shop/products/<uuid:public_id>/stock/", manage.stock_update, name="manage_stock"),
    path("shop/products/<uuid:public_id>/images/", manage.image_add, name="manage_image_add"),
    path(
        "shop/products/<uuid:public_id>/images/<int:image_id>/",
        manage.image_action,
        name="manage_image_action",
    ),
    path("authority/products/", authority.moderation_list, name="moderation_list"),
    path(
        "authority/products/<uuid:public_id>/",
        authority.moderation_detail,
        name="moderation_detail",
    ),
    path(
        "authority/products/<uuid:public_id>/<str:action>/",
        authority.moderation_action,
        name="moderation_action",
    ),
]
