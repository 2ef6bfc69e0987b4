from django.urls import path

from . import views

app_name = "trade"
urlpatterns = [
    path("", views.board, name="board"),
    path("mine/", views.mine, name="mine"),
    path("notifications/", views.notification_preference, name="notification_preference"),
    path("wards/", views.ward_options, name="ward_options"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("demands/new/", views.demand_create, name="demand_create"),
    path("demands/<uuid:public_id>/", views.demand_detail, name="demand_detail"),
    path("demands/<uuid:public_id>/edit/", views.demand_edit, name="demand_edit"),
    path("demands/<uuid:public_id>/status/", views.demand_status, name="demand_status"),
    path("demands/<uuid:public_id>/matching/", views.demand_matching, name="demand_matching"),
    path("demands/<uuid:public_id>/quotes/", views.demand_quotes, name="demand_quotes"),
    path("demands/<uuid:public_id>/quote/", views.quote_submit, name="quote_submit"),
    path("offers/new/", views.offer_create, name="offer_create"),
    path("offers/<uuid:public_id>/", views.offer_detail, name="offer_detail"),
    path("offers/<uuid:public_id>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<uuid:public_id>/status/", views.offer_status, name="offer_status"),
    path("offers/<uuid:public_id>/matching/", views.offer_matching, name="offer_matching"),
    path("quotes/<uuid:public_id>/", views.quote_detail, name="quote_detail"),
    path("quotes/<uuid:public_id>/accept/", views.quote_accept, name="quote_accept"),
    path("quotes/<uuid:public_id>/reject/", views.quote_reject, name="quote_reject"),
    path("quotes/<uuid:public_id>/withdraw/", views.quote_withdraw, name="quote_withdraw"),
    path("attachments/<uuid:public_id>/", views.attachment_download, name="attachment_download"),
    path("contracts/<uuid:public_id>/", views.contract_detail, name="contract_detail"),
    path(
        "contracts/<uuid:public_id>/deliveries/<int:sequence>/<str:action>/",
        views.delivery_update,
        name="delivery_update",
    ),
]
