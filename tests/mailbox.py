"""A mail backend for tests across processes: Django's file backend (one file per connection,
each message flushed as it is written), slowed down like a real mail server, so that a
worker can be killed in the middle of a batch. Used by ``tests/worker_settings.py``."""

import time
from email import message_from_string
from email.header import decode_header, make_header
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.filebased import EmailBackend as FileBackend

SEPARATOR = "-" * 79


class SlowFileBackend(FileBackend):
    def write_message(self, message):
        time.sleep(settings.TEST_MAIL_DELAY)
        super().write_message(message)


def sent_mails(directory: Path) -> list[tuple[str, str]]:
    """(subject, recipient) of every complete message written to ``directory``."""
    mails = []
    for log in directory.glob("*.log"):
        for chunk in log.read_text().split(SEPARATOR):
            if chunk.strip():
                message = message_from_string(chunk.strip())
                subject = str(make_header(decode_header(message["Subject"])))
                mails.append((subject, str(message["To"])))
    return mails
