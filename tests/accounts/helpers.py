"""What the account tests share: the page's text, the mails the worker sent, the links in them."""

import re

from django.core import mail

from tests.tasks import run_due_tasks

CONFIRM_LINK = re.compile(r"https?://[^\s]+/konto/confirm-email/[^\s]+/")
RESET_LINK = re.compile(r"https?://[^\s]+/konto/password/reset/key/[^\s]+/")


def text(response) -> str:
    return response.content.decode()


def sent() -> list:
    """The mails the worker sent: account mails go through the task queue too."""
    run_due_tasks()
    return mail.outbox
