from django.urls import include, path

from kompass import views as kompass_views

urlpatterns = [
    path("", include("core.urls")),
    # The Kompass-Check's rules in the Fächer; the guide itself never imports the Check.
    path("faecher/kompass/", kompass_views.rules_page, name="kompass_rules"),
    path("faecher/kompass.json", kompass_views.rules_json, name="kompass_rules_json"),
    path("faecher/", include("guide.urls")),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("werkstatt/", include("workspaces.urls")),
    path("werkstatt/", include("kompass.urls")),
    path("werkstatt/<slug:slug>/", include("goals.urls")),
    path("werkstatt/<slug:slug>/", include("structures.urls")),
    path("werkstatt/<slug:slug>/", include("meetings.urls")),
    path("werkstatt/<slug:slug>/", include("decisions.urls")),
    path("werkstatt/<slug:slug>/", include("conflicts.urls")),
    path("werkstatt/<slug:slug>/", include("resources.urls")),
    path("werkstatt/<slug:slug>/", include("reflection.urls")),
    path("werkstatt/<slug:slug>/", include("actors.urls")),
    path("werkstatt/<slug:slug>/", include("knowledge.urls")),
    path("werkstatt/<slug:slug>/", include("lifecycle.urls")),
    path("werkstatt/<slug:slug>/", include("search.urls")),
    path("werkstatt/<slug:slug>/", include("handover.urls")),
    path("oeffentlich/", include("publicpage.urls")),
]

handler400 = "core.views.bad_request"
handler500 = "core.views.server_error"
