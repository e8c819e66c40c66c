"""Bad input answered before it reaches a view (issue 8 §4)."""

from django.http import Http404, HttpResponseBadRequest

NUL = "\x00"


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
            return HttpResponseBadRequest(
                "Die Anfrage enthält ein Nullzeichen und wurde nicht bearbeitet.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
