from django.urls import path

from . import quote_views, staff_views, views

app_name = "logistics"
urlpatterns = [
    path("", views.home, name="home"),
    path("diem-tap-ket/<uuid:public_id>/", views.hub_detail, name="hub"),
    path("diem-tap-ket/<uuid:public_id>/lap-tuyen/", views.plan_start, name="plan_start"),
    path("diem-tap-ket/<uuid:public_id>/them-xe/", views.vehicle_add, name="vehicle_add"),
    path("diem-tap-ket/<uuid:public_id>/them-diem-giao/", views.stop_add, name="stop_add"),
    path("diem-tap-ket/<uuid:public_id>/nhap-don/", views.stops_import, name="stops_import"),
    path("xe/<uuid:public_id>/", views.vehicle_edit, name="vehicle_edit"),
    path("diem-giao/<uuid:public_id>/", views.stop_edit, name="stop_edit"),
    path("diem-giao/<uuid:public_id>/xoa/", views.stop_delete, name="stop_delete"),
    path("diem-giao/<uuid:public_id>/xac-nhan/", views.stop_proof, name="stop_proof"),
    path("diem-giao/<uuid:public_id>/bang-chung/", views.proof_image, name="proof_image"),
    path("ke-hoach/<uuid:public_id>/", views.plan_detail, name="plan"),
    path("ke-hoach/<uuid:public_id>/tien-do/", views.plan_progress, name="plan_progress"),
    path(
        "ke-hoach/<uuid:public_id>/phieu-chay/<uuid:vehicle_id>/",
        views.run_sheet,
        name="run_sheet",
    ),
    path("bao-gia/<uuid:public_id>/", quote_views.product_quote, name="product_quote"),
    path("kien-hang/", views.shipment_list, name="shipments"),
    path("kien-hang/<uuid:public_id>/", views.shipment_detail, name="shipment"),
    path("kien-hang/<uuid:public_id>/huy/", views.shipment_cancel, name="shipment_cancel"),
    path("kien-hang/<uuid:public_id>/gia-lap/", views.shipment_simulate, name="shipment_simulate"),
    path("kien-hang/<uuid:public_id>/nhan.pdf", views.shipment_label, name="shipment_label"),
    path("don-hang/<uuid:public_id>/gui-hang/", views.shipment_create, name="shipment_create"),
    path(
        "hop-dong/<uuid:contract_id>/dot/<int:sequence>/gui-hang/",
        views.delivery_shipment_create,
        name="delivery_shipment_create",
    ),
    path("doi-soat-cod/", views.cod_review, name="cod_review"),
    path("doi-soat-cod/<uuid:public_id>/", views.cod_reviewed, name="cod_reviewed"),
    path("bang-gia/", staff_views.rate_list, name="rates"),
    path("bang-gia/<int:rate_id>/", staff_views.rate_edit, name="rate_edit"),
    path("bang-gia/<int:rate_id>/xoa/", staff_views.rate_delete, name="rate_delete"),
    path("phi-thu-ho/<int:fee_id>/xoa/", staff_views.cod_fee_delete, name="cod_fee_delete"),
    path("quy-dinh-xe-tai/", staff_views.truck_rules, name="truck_rules"),
    path("quy-dinh-xe-tai/vung/<int:zone_id>/", staff_views.truck_zone_edit, name="truck_zone"),
    path(
        "quy-dinh-xe-tai/loai-xe/<int:rule_id>/", staff_views.truck_class_edit, name="truck_class"
    ),
]
