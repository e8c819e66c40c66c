"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from meetings import poll_views, views

app_name = "meetings"

urlpatterns = [
    path("treffen/", views.meeting_list, name="list"),
    path("treffen/neu/", views.meeting_create, name="create"),
    path("treffen/<int:pk>/", views.meeting_detail, name="meeting"),
    path("treffen/<int:pk>/loeschen/", views.meeting_delete, name="meeting_delete"),
    path("treffen/<int:pk>/kalender.ics", views.meeting_ics, name="meeting_ics"),
    path("treffen/<int:pk>/tagesordnung.docx", views.agenda_docx, name="agenda_docx"),
    path("treffen/<int:pk>/protokoll.docx", views.minutes_docx, name="minutes_docx"),
    path("treffen/<int:pk>/tagesordnung/neu/", views.agenda_create, name="agenda_create"),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item_pk>/entfernen/",
        views.agenda_delete,
        name="agenda_delete",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item_pk>/verschieben/",
        views.agenda_move,
        name="agenda_move",
    ),
    path("treffen/<int:pk>/protokoll/", views.minutes, name="minutes"),
    path("treffen/<int:pk>/protokoll/genehmigen/", views.minutes_approve, name="minutes_approve"),
    path("treffen/umfragen/neu/", poll_views.poll_create, name="poll_create"),
    path("treffen/umfragen/<int:pk>/", poll_views.poll_detail, name="poll"),
    path("treffen/umfragen/<int:pk>/antworten/", poll_views.poll_answer, name="poll_answer"),
    path("treffen/umfragen/<int:pk>/bearbeiten/", poll_views.poll_edit, name="poll_edit"),
    path("treffen/umfragen/<int:pk>/loeschen/", poll_views.poll_delete, name="poll_delete"),
    path("treffen/umfragen/<int:pk>/termine/neu/", poll_views.poll_date_create, name="date_create"),
    path(
        "treffen/umfragen/<int:pk>/termine/<int:date_pk>/entfernen/",
        poll_views.date_delete,
        name="date_delete",
    ),
    path("treffen/umfragen/<int:pk>/abschliessen/", poll_views.poll_close, name="poll_close"),
    path("kalender/", views.calendar_page, name="calendar"),
    path("kalender/erneuern/", views.calendar_renew, name="calendar_renew"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
    path("kalender/<str:token>/alle.ics", views.personal_feed, name="personal_feed"),
]
