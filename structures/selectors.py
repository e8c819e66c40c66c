"""Reads of phase plans, bodies and mandates — always through visibility (visible_to).

A mandate has no visibility of its own: it is read through the bodies the viewer sees.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q

from history.models import ChangeRecord
from structures.models import Body, Mandate, PhasePlan
from workspaces.models import Membership


def phase_plans(viewer) -> dict[str, PhasePlan]:
    """The stored plan of each phase the viewer may see, by phase."""
    return {plan.phase: plan for plan in PhasePlan.objects.visible_to(viewer)}


def phase_history(plans):
    """The changes of the phase plans, newest first, in one query."""
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(PhasePlan),
        object_id__in=[plan.pk for plan in plans],
    ).select_related("actor")


def bodies_for(viewer):
    return Body.objects.visible_to(viewer)


def body_list(viewer):
    """Bodies with how many members and current mandates they have (one query per page)."""
    return (
        bodies_for(viewer)
        .annotate(
            member_count=Count("members", distinct=True),
            current_mandates=Count(
                "mandates", filter=Q(mandates__ended_on__isnull=True), distinct=True
            ),
        )
        .order_by("name", "id")
    )


def body_detail_for(viewer):
    return bodies_for(viewer).prefetch_related(
        Prefetch("members", queryset=Membership.objects.select_related("user", "partner"))
    )


def mandates_for(viewer):
    return Mandate.objects.filter(body__in=bodies_for(viewer)).select_related(
        "body", "partner", "holder__user", "holder__partner"
    )


def mandates_of(viewer, body: Body):
    """The body's mandates, current ones first, then who held them before (card 41)."""
    return (
        mandates_for(viewer)
        .filter(body=body)
        .order_by("partner__name", "ended_on", "-started_on", "-id")
    )
