from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("faecher/", include("guide.urls")),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("werkstatt/", include("workspaces.urls")),
    path("werkstatt/<slug:slug>/", include("goals.urls")),
]
