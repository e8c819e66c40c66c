"""Reads of the reflection — always through visibility (``visible_to``). What of the answers
anyone may see is decided in ``reflection/results.py`` alone."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from decisions.models import Decision
from goals.models import Goal
from goals.selectors import goals_by_key
from reflection.models import (
    Consequence,
    Evaluation,
    ReflectionRound,
    ReflectionSettings,
    Response,
)
from workspaces.models import Membership, Partner, Side
from workspaces.visibility import Visibility

# The chart shows this many closed rounds at most (the table beside it, too): years of
# quarterly rounds, still readable on a phone.
TREND_ROUNDS = 12


def settings_for(coproduction):
    return ReflectionSettings.objects.filter(coproduction=coproduction).first()


def rounds_for(viewer):
    """Rounds with their consequences counted. How many answered is never counted here: while
    a round runs the number would, next to the later numbers per side, tell how many of a
    small side took part (reflection/results.py)."""
    rows = ReflectionRound.objects.visible_to(viewer)
    return rows.annotate(consequence_count=Count("consequences")).order_by("-opens_on", "-id")


def running_rounds(viewer):
    """The rounds running today."""
    today = timezone.localdate()
    return ReflectionRound.objects.visible_to(viewer).filter(
        closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today
    )


def closed_rounds(viewer):
    """The rounds closed, by date or early."""
    today = timezone.localdate()
    return ReflectionRound.objects.visible_to(viewer).filter(
        Q(closed_at__isnull=False) | Q(closes_on__lt=today)
    )


def rounds_to_answer(viewer):
    """Running rounds the viewer has not answered yet — for the viewer alone (the overview's
    „Was wartet auf euch?“ and the weekly digest)."""
    mine = Response.objects.filter(round=OuterRef("pk"), membership=viewer.membership)
    return running_rounds(viewer).exclude(Exists(mine)).order_by("closes_on", "id")


def trend_rounds(viewer) -> list:
    """The latest closed rounds, oldest first."""
    return list(reversed(closed_rounds(viewer).order_by("-opens_on", "-id")[:TREND_ROUNDS]))


def sides(coproduction) -> list[str]:
    """The sides of the co-production's partners, in the order of the sides."""
    present = set(
        Partner.objects.filter(coproduction=coproduction, left_at__isnull=True).values_list(
            "side", flat=True
        )
    )
    return [side for side in Side.values if side in present]


def consequences_for(viewer):
    return Consequence.objects.visible_to(viewer).prefetch_related(
        Prefetch("decision", queryset=Decision.objects.visible_to(viewer)),
        Prefetch("goal", queryset=goals_by_key(viewer)),
        Prefetch("owner", queryset=Membership.objects.select_related("user")),
    )


def evaluations(viewer):
    """Evaluations the viewer may read — the public viewer reads the published ones."""
    return (
        Evaluation.objects.visible_to(viewer)
        .select_related("round")
        .order_by("-round__opens_on", "-id")
    )


def public_evaluations():
    """For the directory of public co-productions: every published evaluation."""
    return Evaluation.objects.public()


def decision_choices(viewer):
    """Decisions a consequence may name: those every member sees (never side-only)."""
    return Decision.objects.visible_to(viewer).exclude(visibility=Visibility.SIDE).order_by("-id")


def goal_choices(viewer):
    return Goal.objects.visible_to(viewer).exclude(visibility=Visibility.SIDE).order_by("-id")
