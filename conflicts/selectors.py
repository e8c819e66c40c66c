"""Reads of the conflict register — always through visibility (visible_to).

The decision that settled a conflict is prefetched through ``visible_to`` as well, so a page
never names a decision its viewer may not see.
"""

from django.db.models import Count, Prefetch

from conflicts.models import Conflict
from decisions.models import Decision


def conflicts_for(viewer):
    return Conflict.objects.visible_to(viewer).prefetch_related(
        Prefetch("resolved_by", queryset=Decision.objects.visible_to(viewer))
    )


def status_counts(viewer) -> dict[str, int]:
    rows = Conflict.objects.visible_to(viewer).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows.order_by()}


def decision_choices(viewer):
    """Decisions a conflict may name as its resolution: those the viewer sees."""
    return Decision.objects.visible_to(viewer).order_by("-id")
