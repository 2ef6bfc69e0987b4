from django.urls import path

from .views import makers, parks, projects, villages

app_name = "directory"
urlpatterns = [
    path("", parks.home, name="home"),
    path("khu-cong-nghiep/", parks.park_list, name="parks"),
    path("khu-cong-nghiep/<slug:slug>/", parks.park_detail, name="park"),
    path("tep/<uuid:public_id>/", parks.park_file, name="park_file"),
    path("van-hanh/", parks.operator_home, name="operator"),
    path("van-hanh/khu/<uuid:public_id>/", parks.operator_park, name="operator_park"),
    path("van-hanh/khach-hang/<uuid:public_id>/", parks.lead_detail, name="lead"),
    path("tham-dinh/", parks.review_queue, name="review_queue"),
    path("tham-dinh/<uuid:public_id>/", parks.review_decide, name="review_decide"),
    path("nha-san-xuat/", makers.manufacturer_list, name="manufacturers"),
    path("nha-san-xuat/nhu-cau-mua/", makers.sourcing_need, name="sourcing_need"),
    path("nha-san-xuat/cua-toi/", makers.my_manufacturers, name="my_manufacturers"),
    path("nha-san-xuat/<slug:slug>/", makers.manufacturer_detail, name="manufacturer"),
    path("nha-san-xuat/<slug:slug>/sua/", makers.manufacturer_edit, name="manufacturer_edit"),
    path("san-pham-chu-luc/", makers.key_products, name="key_products"),
    path("san-pham-chu-luc/<uuid:public_id>/go/", makers.key_product_untag, name="key_untag"),
    path("lang-nghe/", villages.village_list, name="villages"),
    path("lang-nghe/<slug:slug>/", villages.village_detail, name="village"),
    path("lang-nghe/<slug:slug>/cua-hang/", villages.village_shops, name="village_shops"),
    path("du-an/", projects.project_list, name="projects"),
    path("du-an/tre-han/", projects.late_milestones, name="late_milestones"),
    path("du-an/<uuid:public_id>/", projects.project_detail, name="project"),
    path("moc/<uuid:public_id>/", projects.milestone_edit, name="milestone_edit"),
    path("tai-lieu/<uuid:public_id>/", projects.project_document, name="project_document"),
]
