from django.urls import path

from . import views
from .views import storefront

app_name = "orders"
urlpatterns = [
    path("cart/", views.cart, name="cart"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/summary/", views.checkout_summary, name="checkout_summary"),
    path("checkout/<uuid:public_id>/", views.checkout_done, name="checkout_done"),
    path("addresses/", views.address_book, name="address_book"),
    path("addresses/<uuid:public_id>/edit/", views.address_edit, name="address_edit"),
    path("addresses/<uuid:public_id>/delete/", views.address_delete, name="address_delete"),
    path(
        "addresses/<uuid:public_id>/default/",
        views.address_make_default,
        name="address_make_default",
    ),
    path("", views.order_list, name="list"),
    path("<uuid:public_id>/", views.order_detail, name="detail"),
    path("<uuid:public_id>/return/", views.return_request, name="return_request"),
    path(
        "<uuid:public_id>/return/photos/<int:photo_id>/",
        views.return_photo,
        name="return_photo",
    ),
    path("<uuid:public_id>/review/", views.review_create, name="review"),
    path("<uuid:public_id>/review/<int:line_id>/", storefront.review_write, name="review_write"),
    path("reviews/<uuid:public_id>/", storefront.product_reviews, name="product_reviews"),
    path("reviews/photos/<int:photo_id>/", storefront.review_photo, name="review_photo"),
    path(
        "shipping-estimate/<uuid:public_id>/",
        storefront.shipping_estimate,
        name="shipping_estimate",
    ),
    path("authority/reviews/", storefront.review_queue, name="review_queue"),
    path(
        "authority/reviews/<int:review_id>/<slug:action>/",
        storefront.review_moderate,
        name="review_moderate",
    ),
    path("<uuid:public_id>/complete/", views.order_complete, name="complete"),
    path("shop/", views.seller_order_list, name="seller_list"),
    path("shop/<uuid:public_id>/slip/", views.packing_slip, name="packing_slip"),
    path(
        "shop/<uuid:public_id>/<slug:action>/",
        views.seller_order_action,
        name="seller_action",
    ),
]
