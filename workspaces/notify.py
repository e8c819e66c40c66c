"""E-mail to members, sent by the worker (django-tasks, `manage.py db_worker`).

Services enqueue a task inside their own transaction: the task row is written together with
the change, so a rolled-back change sends nothing and a committed one is never forgotten.
Each member gets their own message (nobody sees the others' addresses), and members who
switched reminders off get none.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

# Reminders go out this long before a meeting starts or a vote closes.
REMINDER_LEAD = timedelta(days=1)


def absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def send_to_members(members, *, subject: str, template: str, context: dict) -> int:
    """One plain-text e-mail per member who wants reminders; returns how many were sent."""
    recipients = members.filter(email_reminders=True, user__isnull=False).select_related(
        "user", "coproduction"
    )
    messages = []
    for member in recipients:
        coproduction = member.coproduction
        body = render_to_string(
            template,
            {
                **context,
                "member": member,
                "coproduction": coproduction,
                "settings_url": absolute("workspaces:member", coproduction.slug, member.pk),
            },
        )
        messages.append(
            EmailMessage(subject=f"[Gemeinwerk] {subject}", body=body, to=[member.user.email])
        )
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    return len(messages)


def enqueue_at(task, moment: datetime | None, *args) -> None:
    """Run ``task`` at ``moment`` (now if it has passed, or when there is none)."""
    if moment is not None and moment > timezone.now():
        task.using(run_after=moment).enqueue(*args)
    else:
        task.enqueue(*args)


def same_moment(stored: datetime | None, scheduled: str) -> bool:
    """Whether a reminder scheduled for ``scheduled`` (ISO) still fits: the time may have moved,
    in which case a newer reminder was scheduled and this one stays silent."""
    return stored is not None and stored == datetime.fromisoformat(scheduled)
