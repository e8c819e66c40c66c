from django.urls import path
from django.views.generic import TemplateView

app_name = "core"

urlpatterns = [
    path("", TemplateView.as_view(template_name="core/home.html"), name="home"),
    path(
        "barrierefreiheit/",
        TemplateView.as_view(template_name="core/accessibility.html"),
        name="accessibility",
    ),
    path(
        "leichte-sprache/",
        TemplateView.as_view(template_name="core/easy_language.html"),
        name="easy_language",
    ),
]
