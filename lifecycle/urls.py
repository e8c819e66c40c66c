"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from lifecycle import views

app_name = "lifecycle"

urlpatterns = [
    path("verlauf/", views.overview, name="overview"),
    path("verlauf/phase/", views.stage, name="stage"),
    path("verlauf/verstetigung/neu/", views.path_create, name="path_create"),
    path("verlauf/verstetigung/<int:pk>/", views.path_detail, name="path"),
    path("verlauf/verstetigung/<int:pk>/loeschen/", views.path_delete, name="path_delete"),
    path("verlauf/abschluss/", views.closing, name="closing"),
    path("verlauf/wirkung/neu/", views.impact_create, name="impact_create"),
    path("verlauf/wirkung/<int:pk>/", views.impact_detail, name="impact"),
    path("verlauf/wirkung/<int:pk>/loeschen/", views.impact_delete, name="impact_delete"),
]
