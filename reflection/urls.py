"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from reflection import views

app_name = "reflection"

urlpatterns = [
    path("reflexion/", views.overview, name="overview"),
    path("reflexion/rhythmus/", views.interval, name="interval"),
    path("reflexion/verlauf/", views.trends, name="trends"),
    path("reflexion/neu/", views.round_create, name="round_create"),
    path("reflexion/<int:pk>/", views.round_detail, name="round"),
    path("reflexion/<int:pk>/antworten/", views.answer, name="answer"),
    path("reflexion/<int:pk>/kommentare/", views.round_comments, name="comments"),
    path("reflexion/<int:pk>/abschliessen/", views.round_close, name="round_close"),
    path("reflexion/<int:pk>/loeschen/", views.round_delete, name="round_delete"),
    path("reflexion/<int:pk>/auswertung/", views.evaluation, name="evaluation"),
    path("reflexion/<int:pk>/konsequenz/", views.consequence_create, name="consequence_create"),
    path("reflexion/konsequenzen/<int:pk>/", views.consequence_detail, name="consequence"),
    path(
        "reflexion/konsequenzen/<int:pk>/loeschen/",
        views.consequence_delete,
        name="consequence_delete",
    ),
]
