from django.urls import path
from django.views.generic import TemplateView

from core import views

app_name = "core"

urlpatterns = [
    path("", TemplateView.as_view(template_name="core/home.html"), name="home"),
    path(
        "barrierefreiheit/",
        TemplateView.as_view(template_name="core/accessibility.html"),
        name="accessibility",
    ),
    path("impressum/", TemplateView.as_view(template_name="core/imprint.html"), name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path(
        "leichte-sprache/",
        TemplateView.as_view(template_name="core/easy_language.html"),
        name="easy_language",
    ),
]
