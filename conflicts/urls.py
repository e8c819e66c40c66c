"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from conflicts import views

app_name = "conflicts"

urlpatterns = [
    path("konflikte/", views.conflict_list, name="list"),
    path("konflikte/neu/", views.conflict_create, name="create"),
    path("konflikte/umgang/", views.agreement, name="agreement"),
    path("konflikte/<int:pk>/", views.conflict_detail, name="conflict"),
    path("konflikte/<int:pk>/loeschen/", views.conflict_delete, name="conflict_delete"),
]
