"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from structures import views

app_name = "structures"

urlpatterns = [
    path("zusammenarbeit/", views.phases, name="phases"),
    path("gremien/", views.body_list, name="bodies"),
    path("gremien/neu/", views.body_create, name="body_create"),
    path("gremien/<int:pk>/", views.body_detail, name="body"),
    path("gremien/<int:pk>/loeschen/", views.body_delete, name="body_delete"),
    path("gremien/<int:body_pk>/mandate/neu/", views.mandate_create, name="mandate_create"),
    path("gremien/<int:body_pk>/mandate/<int:pk>/", views.mandate_detail, name="mandate"),
    path(
        "gremien/<int:body_pk>/mandate/<int:pk>/rotieren/",
        views.mandate_rotate,
        name="mandate_rotate",
    ),
    path(
        "gremien/<int:body_pk>/mandate/<int:pk>/loeschen/",
        views.mandate_delete,
        name="mandate_delete",
    ),
]
