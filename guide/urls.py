from django.urls import path

from guide import views

app_name = "guide"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("karten/<int:number>/", views.card, name="card"),
    path("kapitel/<slug:slug>/", views.chapter, name="chapter"),
    path("begriffe/", views.glossary, name="glossary"),
    path("suche/", views.search, name="search"),
    path("netz/", views.network, name="network"),
    path("quellen/", views.sources, name="sources"),
    path("faecher.json", views.deck_json, name="json"),
    path("faecher.pdf", views.deck_pdf, name="pdf"),
]
