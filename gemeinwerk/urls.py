from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("faecher/", include("guide.urls")),
]
