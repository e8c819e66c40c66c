"""Site-wide views: the privacy statement, and the error pages that must render even when the
database does not answer."""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def _render_without_request(template_name: str, **extra) -> str:
    # No request context: rendering must not touch the session or the user (the database may
    # be what failed), so the personal part of the header stays empty.
    context = {"operator": settings.OPERATOR, "personal_deferred": True, **extra}
    return loader.get_template(template_name).render(context)


def bad_request(request, exception, reason: str = ""):
    """The 400 page in the site's layout; ``reason`` says what was wrong when it is known."""
    return HttpResponseBadRequest(_render_without_request("400.html", reason=reason))


def server_error(request):
    return HttpResponseServerError(_render_without_request("500.html"))


def privacy(request):
    """The Datenschutzerklärung states the periods this installation is configured with."""
    context = {
        "session_days": settings.SESSION_COOKIE_AGE // (24 * 3600),
        "site_url": settings.SITE_URL,
    }
    return render(request, "core/privacy.html", context)
