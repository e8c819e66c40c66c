from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
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
    path("werkstatt/<slug:slug>/", include("search.urls")),
    path("oeffentlich/", include("publicpage.urls")),
]
