"""The health endpoint for load balancers: does this app server reach its database?"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer ``GET /healthz`` before host validation and the HTTPS redirect.

    Load balancers probe each server by its internal address over plain HTTP, with a Host
    header that is not in ALLOWED_HOSTS; the answer is the same for every host and says
    nothing but "ok" or "unavailable", so it may skip those checks. 200 when the database
    answers and the shared cache table is readable, 503 otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            cache.get("healthz")
        except Exception:
            # The probe must answer, whatever broke; the operator finds the cause in the log.
            logger.exception("Health check failed")
            response = HttpResponse("unavailable\n", status=503, content_type="text/plain")
        else:
            response = HttpResponse("ok\n", content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response
