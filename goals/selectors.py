"""Reads of goals, strategy and milestones — always through visibility (visible_to)."""

from django.db.models import Prefetch
from django.utils import timezone

from goals.models import Contribution, Demand, Goal, Milestone, Obstacle


def goals_for(viewer):
    return (
        Goal.objects.visible_to(viewer)
        .select_related("steward__user")
        .prefetch_related(Prefetch("answers", queryset=Goal.objects.visible_to(viewer)))
    )


def demands_for(viewer):
    return Demand.objects.visible_to(viewer)


def contributions_for(viewer):
    return Contribution.objects.visible_to(viewer).select_related("partner")


def obstacles_for(viewer):
    return Obstacle.objects.visible_to(viewer).select_related("goal")


def milestones_for(viewer):
    return Milestone.objects.visible_to(viewer).select_related("responsible__user", "goal")


def next_milestones(viewer, limit: int = 5):
    today = timezone.localdate()
    return (
        milestones_for(viewer)
        .filter(status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS])
        .filter(due_date__gte=today)
        .order_by("due_date", "id")[:limit]
    )


def overdue_milestones(viewer):
    today = timezone.localdate()
    return milestones_for(viewer).filter(
        status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS], due_date__lt=today
    )
