from django.urls import path

from . import views

app_name = "geo"
urlpatterns = [
    path("wards/", views.ward_options, name="ward_options"),
    path("lookup/", views.unit_lookup, name="unit_lookup"),
]
