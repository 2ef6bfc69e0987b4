from django.urls import path

from . import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("gioi-thieu/", views.about, name="about"),
    path("tieu-chi-xep-hang/", views.ranking_criteria, name="ranking_criteria"),
]
