"""Background work of meetings: ask the members into a new scheduling poll, and remind them of
a meeting the day before (cards 26, 44, 50)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from meetings.models import Meeting, SchedulePoll
from workspaces.notify import REMINDER_LEAD, absolute, enqueue_mail, same_moment, send_to_members
from workspaces.visibility import audience

# The invitation to a new poll waits a little, so that its author can still add dates.
POLL_GRACE = timedelta(minutes=10)


def schedule_poll_mail(poll: SchedulePoll) -> None:
    """Called when a poll is created (inside that transaction)."""
    enqueue_mail(
        announce_poll,
        poll.pk,
        about=poll,
        kind="Einladung zur Terminumfrage",
        link=reverse("meetings:poll", args=[poll.coproduction.slug, poll.pk]),
        at=timezone.now() + POLL_GRACE,
    )


def schedule_meeting_reminder(meeting: Meeting) -> None:
    """Called when a meeting is created or moved: remind a day before (at once if it is
    sooner). A reminder scheduled for an earlier time finds the meeting moved and stays
    silent."""
    if meeting.starts_at > timezone.now():
        moment = meeting.starts_at - REMINDER_LEAD
        enqueue_mail(
            remind_meeting,
            meeting.pk,
            meeting.starts_at.isoformat(),
            about=meeting,
            kind="Erinnerung an das Treffen",
            link=reverse("meetings:meeting", args=[meeting.coproduction.slug, meeting.pk]),
            at=moment,
        )


@task(takes_context=True)
def announce_poll(context, poll_id: int) -> int:
    poll = (
        SchedulePoll.objects.select_related("coproduction")
        .prefetch_related("dates")
        .filter(pk=poll_id, closed=False)
        .exclude(coproduction__stage="ended")
        .first()
    )
    if poll is None or not poll.dates.all():
        return 0
    # Whoever has already answered every date needs no invitation.
    answers = Count("availabilities", filter=Q(availabilities__date__poll=poll))
    done = audience(poll).annotate(answers=answers).filter(answers__gte=len(poll.dates.all()))
    members = audience(poll).exclude(pk__in=done.values("pk"))
    return send_to_members(
        context,
        members,
        subject=f"Terminumfrage: {poll.title}",
        template="meetings/email/poll.txt",
        extra={"poll": poll, "url": absolute("meetings:poll", poll.coproduction.slug, poll.pk)},
    )


def invited(meeting: Meeting):
    """Who is reminded: a body's meeting reaches the body's members and current mandate
    holders (if it has any), any other meeting everyone who may see it."""
    members = audience(meeting)
    if meeting.body_id is None:
        return members
    current = Q(mandates__body=meeting.body_id, mandates__ended_on__isnull=True)
    body_members = members.filter(Q(bodies=meeting.body_id) | current).distinct()
    return body_members if body_members.exists() else members


@task(takes_context=True)
def remind_meeting(context, meeting_id: int, starts_at: str) -> int:
    meeting = (
        Meeting.objects.select_related("coproduction")
        .prefetch_related("agenda")
        .filter(pk=meeting_id)
        .exclude(coproduction__stage="ended")  # an archive: nobody meets there any more
        .first()
    )
    if meeting is None or not same_moment(meeting.starts_at, starts_at):
        return 0
    if meeting.starts_at <= timezone.now():
        return 0
    slug = meeting.coproduction.slug
    return send_to_members(
        context,
        invited(meeting),
        subject=f"Erinnerung: {meeting.title}",
        template="meetings/email/meeting_reminder.txt",
        extra={
            "meeting": meeting,
            "url": absolute("meetings:meeting", slug, meeting.pk),
            "ics_url": absolute("meetings:meeting_ics", slug, meeting.pk),
        },
    )
