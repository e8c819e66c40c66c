from django.urls import path

from kompass import views

app_name = "kompass"

urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
]
