from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class RequireTwoFactorMiddleware:
    """When the operator requires it, a signed-in person sets up two-factor login first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_TWO_FACTOR and request.user.is_authenticated:
            from allauth.mfa.utils import is_mfa_enabled

            allowed = request.path.startswith(("/konto/", "/static/"))
            if not allowed and not is_mfa_enabled(request.user):
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
