"""allauth, adapted: account mails (verification, password reset, security notices) leave
through the same queue as every other mail, so a slow or failing mail server neither holds up
the request nor loses the mail — the worker retries it (``workspaces.notify``). The client
address for login throttling survives a forwarded chain shorter than the configured proxies."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured

from workspaces.notify import enqueue_message

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """With ``TRUSTED_PROXY_COUNT`` proxies, X-Forwarded-For must hold at least that many
        entries. A shorter chain did not pass every proxy (or a proxy is misconfigured): then
        the connecting peer is the only address we can trust, and login goes on instead of
        answering 500."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning(
                "X-Forwarded-For has fewer entries than TRUSTED_PROXY_COUNT; throttling by "
                "the connecting address %s",
                request.META.get("REMOTE_ADDR"),
            )
            return request.META["REMOTE_ADDR"]

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Rendered here, where the request is at hand (links, site); only sending is queued.
        request = allauth_context.request
        values = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**values, **context})
        enqueue_message(message)
