from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("sales/", views.sales, name="sales"),
    path("flows/", views.flows, name="flows"),
    path("ocop/", views.ocop, name="ocop"),
    path("sellers/", views.sellers, name="sellers"),
    path("trade/", views.trade, name="trade"),
    path("statistics/", views.statistics, name="statistics"),
    path("targets/", views.targets, name="targets"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("export/<slug:dataset>.<str:file_format>", views.export, name="export"),
    path("open/", views.open_data, name="open"),
    path("open/<slug:table>.csv", views.open_data_csv, name="open_csv"),
    path("open/<slug:table>.xlsx", views.open_data_xlsx, name="open_xlsx"),
]
