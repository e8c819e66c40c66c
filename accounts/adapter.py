"""allauth, adapted: account mails (verification, password reset, security notices) leave
through the same queue as every other mail, so a slow or failing mail server neither holds up
the request nor loses the mail — the worker retries it (``workspaces.notify``)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from workspaces.notify import enqueue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Rendered here, where the request is at hand (links, site); only sending is queued.
        request = allauth_context.request
        values = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**values, **context})
        enqueue_message(message)
