"""The app's URLs plus a baseline view: a minimal Django view returning a page of a given size."""

from django.http import HttpResponse
from django.urls import path

from gemeinwerk.urls import urlpatterns as app_urlpatterns


def baseline(request, size):
    return HttpResponse("<!doctype html><title>x</title>" + "x" * size)


urlpatterns = [*app_urlpatterns, path("__bench__/baseline/<int:size>/", baseline)]
