from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("jobs/<uuid:public_id>/", views.file_job_detail, name="file_job"),
]
