"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("wissen/", views.item_list, name="list"),
    path("wissen/neu/", views.item_create, name="create"),
    path("wissen/<int:pk>/", views.item_detail, name="item"),
    path("wissen/<int:pk>/loeschen/", views.item_delete, name="item_delete"),
    path("wissen/<int:pk>/datei/", views.item_file, name="item_file"),
    path("wissen/begriffe/", views.glossary, name="glossary"),
    path("wissen/begriffe/neu/", views.term_create, name="term_create"),
    path("wissen/begriffe/<int:pk>/", views.term_detail, name="term"),
    path("wissen/begriffe/<int:pk>/loeschen/", views.term_delete, name="term_delete"),
]
