from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("start/", views.start, name="start"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("<uuid:public_id>/", views.conversation, name="conversation"),
    path("m/<uuid:public_id>/report/", views.report, name="report"),
    path("m/<uuid:public_id>/hide/", views.hide, name="hide"),
]
