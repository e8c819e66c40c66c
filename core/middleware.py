"""Site-wide middleware, decided in one place instead of per view: bad input answered before it
reaches a view (issue 8 §4), and the response headers that hold for the whole site."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control

from core.views import bad_request

NUL = "\x00"

# Paths whose responses belong to one person or one co-production: Werkstatt pages, account
# pages and every export and feed beneath them (CSV, DOCX, ICS, JSON).
PRIVATE_PREFIXES = ("/werkstatt/", "/konto/")


class RejectNulBytesMiddleware:
    """A NUL byte is never part of a Gemeinwerk address or query: PostgreSQL refuses it in
    any string (a 500 deep in a view), SQLite would store it. An address containing one does
    not exist (404); a query with one is a bad request (400). Form fields keep their own
    message next to the field (Django's CharField refuses NUL bytes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            raise Http404("Diese Adresse gibt es nicht.")
        if any(NUL in part for key, values in request.GET.lists() for part in [key, *values]):
            return bad_request(
                request, None, "Die Anfrage enthält ein Nullzeichen und wurde nicht bearbeitet."
            )
        return self.get_response(request)


class SiteHeadersMiddleware:
    """Permissions-Policy on every response; nothing private stays in a browser or proxy cache.

    A shared office PC must not keep a co-production's pages or exports in its cache, so every
    response under the private prefixes, and every response to a signed-in person, is
    ``private, no-store``. Public pages (the guide, the public page) stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if request.path.startswith(PRIVATE_PREFIXES) or (user and user.is_authenticated):
            # no-store replaces any max-age a view may have set.
            if "max-age" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response
