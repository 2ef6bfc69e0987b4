from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search_results, name="results"),
    path("suggest/", views.search_suggest, name="suggest"),
]
