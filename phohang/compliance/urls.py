from django.urls import path

from .views import authority, cases, public, seller

app_name = "compliance"
urlpatterns = [
    path("", authority.dashboard, name="dashboard"),
    path("kiem-duyet/", authority.queue, name="queue"),
    path(
        "kiem-duyet/<uuid:public_id>/<str:decision>/", authority.review_decide, name="review_decide"
    ),
    path("kiem-duyet/moi/<uuid:public_id>/", authority.review_seen, name="review_seen"),
    path("danh-muc-cam/", authority.screening_rules, name="screening_rules"),
    path(
        "danh-muc-cam/<int:rule_id>/xoa/",
        authority.screening_rule_remove,
        name="screening_rule_remove",
    ),
    path("go-bo/", authority.takedowns, name="takedowns"),
    path("go-bo/<uuid:public_id>/", authority.takedown_detail, name="takedown_detail"),
    path("go-bo/<uuid:public_id>/<str:action>/", authority.takedown_action, name="takedown_action"),
    path("khieu-nai/", cases.complaints_staff, name="complaints_staff"),
    path(
        "khieu-nai/<uuid:public_id>/", cases.complaint_staff_detail, name="complaint_staff_detail"
    ),
    path(
        "khieu-nai/<uuid:public_id>/bang-chung/",
        cases.complaint_evidence,
        name="complaint_evidence",
    ),
    path("yeu-cau-du-lieu/", cases.data_requests, name="data_requests"),
    path(
        "yeu-cau-du-lieu/<uuid:public_id>/<str:action>/",
        cases.data_request_action,
        name="data_request_action",
    ),
    path("bao-cao/", cases.reports, name="reports"),
    path("bao-cao/tai.<str:extension>", cases.report_download, name="report_download"),
    path("thong-bao/", cases.publish_notices, name="publish_notices"),
    path("nguoi-ban/", seller.seller_desk, name="seller_desk"),
    path("nguoi-ban/dinh-danh/", seller.identification_start, name="identification_start"),
    path("nguoi-ban/dinh-danh/ket-qua/", seller.eid_callback, name="eid_callback"),
    path("dinh-danh-mo-phong/", seller.eid_simulator, name="eid_simulator"),
    path(
        "nguoi-ban/go-bo/<uuid:public_id>/khang-nghi/",
        seller.takedown_appeal,
        name="takedown_appeal",
    ),
    path(
        "nguoi-ban/khieu-nai/<uuid:public_id>/tra-loi/",
        seller.complaint_answer,
        name="complaint_answer",
    ),
    path("khieu-nai-cua-toi/", public.complaints_mine, name="complaints_mine"),
    path("khieu-nai-cua-toi/moi/", public.complaint_new, name="complaint_new"),
    path("khieu-nai-cua-toi/<uuid:public_id>/", public.complaint_detail, name="complaint_detail"),
    path(
        "khieu-nai-cua-toi/<uuid:public_id>/bang-chung/",
        public.complaint_my_evidence,
        name="complaint_my_evidence",
    ),
    path("du-lieu-ca-nhan/", public.privacy_center, name="privacy_center"),
    path("du-lieu-ca-nhan/tai-ve/", public.data_export, name="data_export"),
    path("quy-che/", public.rules, name="rules"),
    path("quy-che/don-hang/<uuid:public_id>/", public.rules_for_order, name="rules_for_order"),
    path("nguoi-ban/<slug:slug>/thong-tin/", public.seller_info, name="seller_info"),
]
