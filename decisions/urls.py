"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from decisions import views

app_name = "decisions"

urlpatterns = [
    path("entscheidungen/", views.decision_list, name="list"),
    path("entscheidungen/neu/", views.decision_create, name="create"),
    path("entscheidungen/beschlussbuch.csv", views.export_csv, name="export_csv"),
    path("entscheidungen/beschlussbuch.docx", views.export_docx, name="export_docx"),
    path("entscheidungen/<int:pk>/", views.decision_detail, name="decision"),
    path("entscheidungen/<int:pk>/bearbeiten/", views.decision_edit, name="edit"),
    path("entscheidungen/<int:pk>/abstimmung-eroeffnen/", views.open_voting, name="open"),
    path("entscheidungen/<int:pk>/abstimmen/", views.vote, name="vote"),
    path("entscheidungen/<int:pk>/auszaehlen/", views.close, name="close"),
    path("entscheidungen/<int:pk>/im-treffen/", views.record_in_meeting, name="record"),
    path("entscheidungen/<int:pk>/ersetzen/", views.supersede, name="supersede"),
]
