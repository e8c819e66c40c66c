from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("suche/", views.werkstatt_search, name="werkstatt"),
]
