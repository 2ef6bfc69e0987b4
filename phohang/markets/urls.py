from django.urls import path

from .views import manage, monitoring, public

app_name = "markets"
urlpatterns = [
    path("", public.market_index, name="index"),
    path("bang-gia/", public.city_board, name="board"),
    path("bang-gia/mat-hang/<slug:slug>/", public.product_history, name="product_history"),
    path("truy-xuat/<str:code>/", public.trace, name="trace"),
    path("truy-xuat/<str:code>/qr.svg", public.trace_qr, name="trace_qr"),
    path("quan-ly/", manage.manage_home, name="manage"),
    path("quan-ly/cho/<slug:slug>/", manage.manage_market, name="manage_market"),
    path(
        "quan-ly/cho/<slug:slug>/lo-hang-moi/",
        manage.consignment_create,
        name="consignment_create",
    ),
    path("quan-ly/cho/<slug:slug>/tieu-thuong-moi/", manage.trader_add, name="trader_add"),
    path("quan-ly/lo-hang/<uuid:public_id>/", manage.consignment_detail, name="consignment"),
    path(
        "quan-ly/lo-hang/<uuid:public_id>/trang-thai/",
        manage.consignment_move,
        name="consignment_move",
    ),
    path(
        "quan-ly/lo-hang/<uuid:public_id>/ket-qua-kiem-tra/",
        manage.consignment_check,
        name="consignment_check",
    ),
    path(
        "quan-ly/lo-hang/<uuid:public_id>/giay-kiem-tra/",
        manage.consignment_document,
        name="consignment_document",
    ),
    path(
        "quan-ly/lo-hang/<uuid:public_id>/san-pham/",
        manage.consignment_product,
        name="consignment_product",
    ),
    path("quan-ly/lo-hang/<uuid:public_id>/tem/", manage.consignment_label, name="label"),
    path("bao-gia/", manage.price_entry, name="price_entry"),
    path("bao-gia/tai-len/", manage.price_upload, name="price_upload"),
    path("giam-sat/", monitoring.monitoring, name="monitoring"),
    path("giam-sat/nguong/", monitoring.threshold_save, name="threshold"),
    path("giam-sat/nhu-cau/", monitoring.need_save, name="need"),
    path("giam-sat/dang-ky/", monitoring.subscription, name="subscription"),
    path(
        "giam-sat/bao-cao-tuan.<str:file_format>",
        monitoring.weekly_report,
        name="weekly_report",
    ),
    path("<slug:slug>/", public.market_detail, name="market"),
    path("<slug:slug>/bang-gia/", public.market_board, name="market_board"),
]
