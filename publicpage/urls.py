from django.urls import path

from . import feeds, views

app_name = "public"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.public_page, name="page"),
    path("<slug:slug>/neuigkeiten.atom", feeds.PublicFeed(), name="feed"),
    path("<slug:slug>/wissen/<int:pk>/datei/", views.knowledge_file, name="knowledge_file"),
]
