from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("khu-cong-nghiep/", views.park_list, name="parks"),
    path("khu-cong-nghiep/<slug:slug>/", views.park_detail, name="park"),
    path("tep/<uuid:public_id>/", views.park_file, name="park_file"),
    path("van-hanh/", views.operator_home, name="operator"),
    path("van-hanh/khu/<uuid:public_id>/", views.operator_park, name="operator_park"),
    path("van-hanh/khach-hang/<uuid:public_id>/", views.lead_detail, name="lead"),
    path("tham-dinh/", views.review_queue, name="review_queue"),
    path("tham-dinh/<uuid:public_id>/", views.review_decide, name="review_decide"),
    path("nha-san-xuat/", views.manufacturer_list, name="manufacturers"),
    path("nha-san-xuat/nhu-cau-mua/", views.sourcing_need, name="sourcing_need"),
    path("nha-san-xuat/<slug:slug>/", views.manufacturer_detail, name="manufacturer"),
    path("san-pham-chu-luc/", views.key_products, name="key_products"),
    path("san-pham-chu-luc/<uuid:public_id>/go/", views.key_product_untag, name="key_untag"),
    path("lang-nghe/", views.village_list, name="villages"),
    path("lang-nghe/<slug:slug>/", views.village_detail, name="village"),
    path("du-an/", views.project_list, name="projects"),
    path("du-an/tre-han/", views.late_milestones, name="late_milestones"),
    path("du-an/<uuid:public_id>/", views.project_detail, name="project"),
    path("moc/<uuid:public_id>/", views.milestone_edit, name="milestone_edit"),
    path("tai-lieu/<uuid:public_id>/", views.project_document, name="project_document"),
]
