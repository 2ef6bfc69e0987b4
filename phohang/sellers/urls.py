from django.urls import path

from . import views

app_name = "sellers"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<uuid:public_id>/", views.application_detail, name="application_detail"),
    path("documents/<uuid:public_id>/", views.document_download, name="document_download"),
    path("review/", views.review_list, name="review_list"),
    path("review/<uuid:public_id>/", views.review_detail, name="review_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/profile/", views.profile_update, name="profile_update"),
    path("dashboard/staff/invite/", views.staff_invite, name="staff_invite"),
    path("dashboard/staff/<int:member_id>/remove/", views.staff_remove, name="staff_remove"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<slug:slug>/", views.storefront, name="storefront"),
]
