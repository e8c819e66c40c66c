"""Was wartet auf mich? — what the viewer personally has to do, read through visibility.

Each list is one bounded query (at most ``LIMIT`` rows), so the overview stays as quick with
2,000 decisions as with two. The overview keeps the lists that only recorded changes alter
(``history.kept``; votes and poll answers are recorded as ballots) and reads the others —
reflection answers, which record nothing so that nobody learns who answered when, and
invitations, which come from other co-productions too — fresh."""

from copy import copy
from dataclasses import dataclass, fields
from datetime import timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from decisions.models import Decision
from decisions.selectors import VOTING_ACCESS
from goals.models import Goal, Milestone
from handover.selectors import handovers_to_sign
from history.kept import kept
from meetings.models import Meeting, Minutes, SchedulePoll
from reflection.selectors import rounds_to_answer
from workspaces.selectors import invitations_waiting

LIMIT = 5
AHEAD = timedelta(days=14)
OPEN = [Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS]


@dataclass
class Waiting:
    votes: list
    polls: list
    minutes: list
    meetings: list
    milestones: list
    goals: list
    invitations: list
    reflections: list
    handovers: list

    def __bool__(self) -> bool:
        return any(vars(self).values())


def votes_to_cast(viewer, now):
    if viewer.membership.access not in VOTING_ACCESS:
        return []
    rows = (
        Decision.objects.visible_to(viewer)
        .filter(status=Decision.Status.VOTING, closes_at__gte=now)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .exclude(votes__membership=viewer.membership)
        .order_by("closes_at", "id")
        .prefetch_related("options")  # the ballot offered beside each
    )
    return list(rows[:LIMIT])


def polls_to_answer(viewer):
    mine = Q(dates__answers__membership=viewer.membership)
    rows = (
        SchedulePoll.objects.visible_to(viewer)
        .filter(closed=False)
        .annotate(
            date_count=Count("dates", distinct=True),
            answered=Count("dates__answers", filter=mine, distinct=True),
        )
        .filter(date_count__gt=0, answered__lt=F("date_count"))
        .order_by("-id")
    )
    return list(rows[:LIMIT])


def minutes_to_approve(viewer, now):
    rows = (
        Minutes.objects.filter(
            meeting__in=Meeting.objects.visible_to(viewer),
            status=Minutes.Status.DRAFT,
            attendees=viewer.membership,
            meeting__starts_at__lte=now,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "id")
    )
    return list(rows[:LIMIT])


def meetings_ahead(viewer, now):
    rows = (
        Meeting.objects.visible_to(viewer)
        .filter(ends_at__gte=now, starts_at__lte=now + AHEAD)
        .order_by("starts_at", "id")
    )
    return list(rows[:LIMIT])


def milestones_due(viewer, today):
    rows = (
        Milestone.objects.visible_to(viewer)
        .filter(responsible=viewer.membership, status__in=OPEN, due_date__lte=today + AHEAD)
        .order_by("due_date", "id")
    )
    return list(rows[:LIMIT])


def goals_due(viewer, today):
    rows = (
        Goal.objects.visible_to(viewer)
        .filter(steward=viewer.membership, due_date__gte=today, due_date__lte=today + AHEAD)
        .order_by("due_date", "id")
    )
    return list(rows[:LIMIT])


def invitations_for(user, now):
    return list(invitations_waiting(user, now)[:LIMIT])


def waiting_for(viewer, *, now=None) -> Waiting:
    now = now or timezone.now()
    today = timezone.localdate(now)
    if viewer.ended:  # an archive: nothing there waits for anyone (cards 35, 36)
        empty = {field.name: [] for field in fields(Waiting)}
        return Waiting(**{**empty, "invitations": invitations_for(viewer.user, now)})
    return Waiting(
        votes=votes_to_cast(viewer, now),
        polls=polls_to_answer(viewer),
        minutes=minutes_to_approve(viewer, now),
        meetings=meetings_ahead(viewer, now),
        milestones=milestones_due(viewer, today),
        goals=goals_due(viewer, today),
        invitations=invitations_for(viewer.user, now),
        reflections=list(rounds_to_answer(viewer)[:LIMIT]),
        handovers=handovers_to_sign(viewer, LIMIT),
    )


def _recorded_parts(viewer, now) -> dict:
    today = timezone.localdate(now)
    return {
        "votes": votes_to_cast(viewer, now),
        "polls": polls_to_answer(viewer),
        "minutes": minutes_to_approve(viewer, now),
        "meetings": meetings_ahead(viewer, now),
        "milestones": milestones_due(viewer, today),
        "goals": goals_due(viewer, today),
        "handovers": handovers_to_sign(viewer, LIMIT),
    }


def waiting_on_overview(viewer, coproduction) -> Waiting:
    """``waiting_for`` as the overview shows it: the lists only recorded changes alter are kept
    per member until the next change; what closed or ended since is left out on reading."""
    now = timezone.now()
    if viewer.ended:
        return waiting_for(viewer, now=now)
    parts = ("waiting", viewer.membership.pk, viewer.membership.access)
    recorded = kept(coproduction, parts, lambda: _recorded_parts(viewer, now), ballots=True)
    return Waiting(
        # Copies: the overview puts a ballot beside each vote, and the kept list is shared.
        votes=[copy(decision) for decision in recorded["votes"] if decision.closes_at >= now],
        polls=recorded["polls"],
        minutes=recorded["minutes"],
        meetings=[meeting for meeting in recorded["meetings"] if meeting.ends_at >= now],
        milestones=recorded["milestones"],
        goals=recorded["goals"],
        invitations=invitations_for(viewer.user, now),
        reflections=list(rounds_to_answer(viewer)[:LIMIT]),
        handovers=recorded["handovers"],
    )
