"""E-mail, sent by the worker (django-tasks, `manage.py db_worker`) — the one way mail leaves.

Services enqueue a task inside their own transaction (``enqueue_mail``): the task row is written
together with the change, so a rolled-back change sends nothing and a committed one is never
forgotten. Each recipient gets their own message (nobody sees the others' addresses), members
who switched reminders off get none, and every message the mail server accepted is recorded
(``Delivery``) before the next one goes out: a task that runs again — after its worker vanished
or on a retry (``workspaces/management/commands/db_worker.py``) — skips whoever has theirs.
The one gap is a worker that dies between the server's acceptance and that record.
"""

import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from workspaces.models import Delivery, Mailing

# Reminders go out this long before a meeting starts or a vote closes.
REMINDER_LEAD = timedelta(days=1)

# The mail server's refusals of one message: the batch's other recipients still get theirs.
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


class NotDelivered(Exception):
    """The mail server refused some recipients' mails; the task is retried for those."""


def absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def single_line(subject: str) -> str:
    """A subject is one header line: titles may hold line breaks, a header may not."""
    return " ".join(subject.split())


def render_text(template: str, context: dict) -> str:
    """A plain-text mail shows names as typed: no HTML escaping ("&", not "&amp;")."""
    return get_template(template).template.render(Context(context, autoescape=False))


def enqueue_mail(task, *args, about, kind: str, link: str, at: datetime | None = None) -> None:
    """Queue ``task(*args)`` at ``at`` (now if it has passed or is None), inside the caller's
    transaction, noting which item (and its page ``link``) of which co-production it is about
    (``about``: the item, or the co-production for mails about all of it)."""
    if at is not None and at > timezone.now():
        task = task.using(run_after=at)
    result = task.enqueue(*args)
    Mailing.objects.create(
        task_id=result.id,
        kind=kind,
        # An item of a co-production, or the co-production itself (news about all of it).
        coproduction_id=getattr(about, "coproduction_id", about.pk),
        item_type=ContentType.objects.get_for_model(about),
        item_id=about.pk,
        link=link,
    )


def failure_reason(result) -> str:
    """Why a task failed: the last line of its traceback (the exception and its message)."""
    lines = result.traceback.strip().splitlines()
    return lines[-1] if lines else result.exception_class_path


def deliver(context, messages) -> int:
    """Send each message (one recipient each) that this task has not delivered yet, recording
    every acceptance at once; returns how many went out now. A refused message fails the task
    (to be retried) only after all the others went out."""
    task_id = context.task_result.id
    done = set(Delivery.objects.filter(task_id=task_id).values_list("recipient", flat=True))
    pending = [m for m in messages if m.to[0] not in done]
    if not pending:
        return 0
    refused = []
    with get_connection() as connection:
        for message in pending:
            message.subject = single_line(message.subject)
            message.connection = connection
            try:
                message.send()
            except REFUSED as error:
                refused.append(f"{message.to[0]}: {error}")
                continue
            Delivery.objects.create(task_id=task_id, recipient=message.to[0])
    if refused:
        raise NotDelivered("; ".join(refused))
    return len(pending)


def send_to_members(context, members, *, subject: str, template: str, extra: dict) -> int:
    """One plain-text e-mail per member who wants reminders; returns how many were sent."""
    recipients = members.filter(email_reminders=True, user__isnull=False).select_related(
        "user", "coproduction"
    )
    messages = []
    for member in recipients.order_by("pk"):
        coproduction = member.coproduction
        body = render_text(
            template,
            {
                **extra,
                "member": member,
                "coproduction": coproduction,
                "settings_url": absolute("workspaces:member", coproduction.slug, member.pk),
            },
        )
        messages.append(
            EmailMessage(subject=f"[Gemeinwerk] {subject}", body=body, to=[member.user.email])
        )
    return deliver(context, messages)


def enqueue_message(message: EmailMessage) -> None:
    """Queue a message rendered elsewhere (allauth's account mails) for the worker."""
    alternatives = getattr(message, "alternatives", [])
    html = [content for content, mimetype in alternatives if mimetype == "text/html"]
    send_message.enqueue(
        {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "html": html[0] if html else "",
        }
    )


@task(takes_context=True)
def send_message(context, message: dict) -> int:
    mails = []
    for address in message["to"]:
        mail = EmailMultiAlternatives(
            message["subject"], message["body"], message["from_email"], [address]
        )
        if message["html"]:
            mail.attach_alternative(message["html"], "text/html")
        mails.append(mail)
    return deliver(context, mails)


def same_moment(stored: datetime | None, scheduled: str) -> bool:
    """Whether a reminder scheduled for ``scheduled`` (ISO) still fits: the time may have moved,
    in which case a newer reminder was scheduled and this one stays silent."""
    return stored is not None and stored == datetime.fromisoformat(scheduled)
