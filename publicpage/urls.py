from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("<slug:slug>/", views.public_page, name="page"),
]
