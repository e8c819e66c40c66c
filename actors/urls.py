"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from actors import views

app_name = "actors"

urlpatterns = [
    path("akteure/", views.actor_list, name="list"),
    path("akteure/neu/", views.actor_create, name="create"),
    path("akteure/landkarte/", views.actor_map, name="map"),
    path("akteure/<int:pk>/", views.actor_detail, name="actor"),
    path("akteure/<int:pk>/loeschen/", views.actor_delete, name="actor_delete"),
]
