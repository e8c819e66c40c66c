"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("ressourcen/", views.overview, name="overview"),
    path("ressourcen/stellen/", views.position_list, name="positions"),
    path("ressourcen/stellen/neu/", views.position_create, name="position_create"),
    path("ressourcen/stellen/<int:pk>/", views.position_detail, name="position"),
    path("ressourcen/stellen/<int:pk>/loeschen/", views.position_delete, name="position_delete"),
    path("ressourcen/finanzierung/", views.funding_list, name="fundings"),
    path("ressourcen/finanzierung/neu/", views.funding_create, name="funding_create"),
    path("ressourcen/finanzierung/<int:pk>/", views.funding_detail, name="funding"),
    path("ressourcen/finanzierung/<int:pk>/loeschen/", views.funding_delete, name="funding_delete"),
]
