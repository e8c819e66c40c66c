from django.urls import path

from kompass import onboarding, views

app_name = "kompass"

urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/abstimmen/<int:pk>/", views.vote, name="vote"),
    path("<slug:slug>/ankommen/", onboarding.onboarding, name="onboarding"),
    path("<slug:slug>/kompass/", views.kompass_page, name="check"),
    path("<slug:slug>/kompass.json", views.kompass_json, name="check_json"),
    path("<slug:slug>/kompass/<str:rule_id>/bewusst-offen/", views.set_aside, name="set_aside"),
    path(
        "<slug:slug>/kompass/bewusst-offen/<int:pk>/aufheben/",
        views.set_aside_withdraw,
        name="set_aside_withdraw",
    ),
]
