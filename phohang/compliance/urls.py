from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kiem-duyet/", views.queue, name="queue"),
    path("kiem-duyet/<uuid:public_id>/<str:decision>/", views.review_decide, name="review_decide"),
    path("kiem-duyet/moi/<uuid:public_id>/", views.review_seen, name="review_seen"),
    path("danh-muc-cam/", views.screening_rules, name="screening_rules"),
    path(
        "danh-muc-cam/<int:rule_id>/xoa/", views.screening_rule_remove, name="screening_rule_remove"
    ),
    path("go-bo/", views.takedowns, name="takedowns"),
    path("go-bo/<uuid:public_id>/", views.takedown_detail, name="takedown_detail"),
    path("go-bo/<uuid:public_id>/<str:action>/", views.takedown_action, name="takedown_action"),
    path("khieu-nai/", views.complaints_staff, name="complaints_staff"),
    path(
        "khieu-nai/<uuid:public_id>/", views.complaint_staff_detail, name="complaint_staff_detail"
    ),
    path(
        "khieu-nai/<uuid:public_id>/bang-chung/",
        views.complaint_evidence,
        name="complaint_evidence",
    ),
    path("yeu-cau-du-lieu/", views.data_requests, name="data_requests"),
    path(
        "yeu-cau-du-lieu/<uuid:public_id>/<str:action>/",
        views.data_request_action,
        name="data_request_action",
    ),
    path("bao-cao/", views.reports, name="reports"),
    path("bao-cao/tai.<str:extension>", views.report_download, name="report_download"),
    path("thong-bao/", views.publish_notices, name="publish_notices"),
    path("nguoi-ban/", views.seller_desk, name="seller_desk"),
    path("nguoi-ban/dinh-danh/", views.identification_start, name="identification_start"),
    path("nguoi-ban/dinh-danh/ket-qua/", views.eid_callback, name="eid_callback"),
    path("dinh-danh-mo-phong/", views.eid_simulator, name="eid_simulator"),
    path(
        "nguoi-ban/go-bo/<uuid:public_id>/khang-nghi/",
        views.takedown_appeal,
        name="takedown_appeal",
    ),
    path(
        "nguoi-ban/khieu-nai/<uuid:public_id>/tra-loi/",
        views.complaint_answer,
        name="complaint_answer",
    ),
    path("khieu-nai-cua-toi/", views.complaints_mine, name="complaints_mine"),
    path("khieu-nai-cua-toi/moi/", views.complaint_new, name="complaint_new"),
    path("khieu-nai-cua-toi/<uuid:public_id>/", views.complaint_detail, name="complaint_detail"),
    path(
        "khieu-nai-cua-toi/<uuid:public_id>/bang-chung/",
        views.complaint_my_evidence,
        name="complaint_my_evidence",
    ),
    path("du-lieu-ca-nhan/", views.privacy_center, name="privacy_center"),
    path("du-lieu-ca-nhan/tai-ve/", views.data_export, name="data_export"),
    path("quy-che/", views.rules, name="rules"),
    path("quy-che/don-hang/<uuid:public_id>/", views.rules_for_order, name="rules_for_order"),
    path("nguoi-ban/<slug:slug>/thong-tin/", views.seller_info, name="seller_info"),
]
