from django.urls import path

from . import views

app_name = "livestream"
urlpatterns = [
    path("", views.index, name="index"),
    path("cua-hang/", views.manage, name="manage"),
    path("cua-hang/nguoi-dan/", views.streamer_register, name="streamer_register"),
    path("kiem-duyet/nguoi-dan/", views.streamers_review, name="streamers_review"),
    path("<uuid:public_id>/", views.watch, name="watch"),
    path("<uuid:public_id>/san-pham/", views.pins, name="pins"),
    path("<uuid:public_id>/khieu-nai/", views.complaints, name="complaints"),
    path("<uuid:public_id>/binh-luan/", views.comment, name="comment"),
    path("<uuid:public_id>/giay-to/", views.documents, name="documents"),
    path("<uuid:public_id>/bat-dau/", views.go_live, name="go_live"),
    path("<uuid:public_id>/ket-thuc/", views.end, name="end"),
    path("<uuid:public_id>/huy/", views.cancel, name="cancel"),
    path("<uuid:public_id>/dung/", views.stop, name="stop"),
    path("<uuid:public_id>/ghim/", views.pin, name="pin"),
    path("<uuid:public_id>/ghim/<uuid:pin_id>/bo/", views.unpin, name="unpin"),
    path("<uuid:public_id>/ghim/<uuid:pin_id>/gio-hang/", views.cart_add, name="cart_add"),
    path("<uuid:public_id>/ghim/<uuid:pin_id>/mua/", views.buy, name="buy"),
    path("binh-luan/<uuid:comment_id>/an/", views.comment_hide, name="comment_hide"),
]
