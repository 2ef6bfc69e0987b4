from django.urls import path

from . import views

app_name = "expo"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("to-chuc/", views.organiser_events, name="organiser_events"),
    path("to-chuc/tao-moi/", views.event_create, name="event_create"),
    path("to-chuc/dia-diem/", views.venue_list, name="venues"),
    path("to-chuc/dia-diem/<int:venue_id>/", views.venue_detail, name="venue"),
    path("ho-so-trien-lam/<uuid:public_id>/", views.application, name="application"),
    path(
        "ho-so-trien-lam/<uuid:public_id>/quyet-dinh/",
        views.exhibitor_decide,
        name="exhibitor_decide",
    ),
    path("xep-lich/<uuid:public_id>/", views.schedule_run, name="schedule_run"),
    path("nguoi-gap/<uuid:public_id>/danh-dau/", views.request_mark, name="request_mark"),
    path("nguoi-gap/<uuid:public_id>/lich-ranh/", views.availability, name="availability"),
    path("nguoi-gap/<uuid:public_id>/lich-hen/", views.agenda, name="agenda"),
    path("nguoi-gap/<uuid:public_id>/lich-hen.ics", views.agenda_ics, name="agenda_ics"),
    path("yeu-cau/<uuid:public_id>/tra-loi/", views.request_answer, name="request_answer"),
    path("yeu-cau/<uuid:public_id>/dat-lich/", views.meeting_book, name="meeting_book"),
    path("cuoc-hen/<uuid:public_id>/huy/", views.meeting_cancel, name="meeting_cancel"),
    path("cuoc-hen/<uuid:public_id>/doi-gio/", views.meeting_swap, name="meeting_swap"),
    path("cuoc-hen/<uuid:public_id>/ket-qua/", views.meeting_outcome, name="meeting_outcome"),
    path("cuoc-hen/<uuid:public_id>/da-gap/", views.meeting_held, name="meeting_held"),
    path("<slug:slug>/", views.event_detail, name="event"),
    path("<slug:slug>/gian-hang/<uuid:public_id>/", views.virtual_booth, name="virtual_booth"),
    path("<slug:slug>/dang-ky-trien-lam/", views.exhibitor_apply, name="apply"),
    path("<slug:slug>/dang-ky-tham-quan/", views.register, name="register"),
    path("<slug:slug>/ve/", views.ticket, name="ticket"),
    path("<slug:slug>/ve/the.pdf", views.badge, name="badge"),
    path("<slug:slug>/gap-go/", views.meetings, name="meetings"),
    path("<slug:slug>/quan-ly/", views.manage, name="manage"),
    path("<slug:slug>/quan-ly/cong-khai/", views.event_publish, name="event_publish"),
    path("<slug:slug>/quan-ly/sua/", views.event_edit, name="event_edit"),
    path("<slug:slug>/quan-ly/gian-hang/", views.booth_add, name="booth_add"),
    path("<slug:slug>/quan-ly/xep-lich/", views.schedule_start, name="schedule_start"),
    path("<slug:slug>/quan-ly/cong-bo/", views.agenda_publish, name="agenda_publish"),
    path("<slug:slug>/check-in/", views.check_in_page, name="check_in"),
    path("<slug:slug>/check-in/quet/", views.check_in_scan, name="check_in_scan"),
]
