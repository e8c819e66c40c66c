"""Reads of handovers — always through visibility (visible_to)."""

from django.db.models import Count, Q

from handover.models import Handover


def open_items():
    return Count("items", filter=Q(items__done=False))


def handovers_for(viewer):
    return (
        Handover.objects.visible_to(viewer)
        .select_related(
            "leaving__user", "leaving__partner", "successor__user", "successor__partner"
        )
        .annotate(open_items=open_items())
        .order_by("-created_at", "-pk")  # an aggregate drops Meta.ordering
    )


def handover_detail_for(viewer):
    return handovers_for(viewer).select_related("mandate__body", "mandate__partner")


def handovers_to_sign(viewer):
    """The viewer's own handovers (leaving or taking over) that still lack their signature,
    with what the overview and the digest name: who leaves, who takes over, the open points
    (reading their partners too cost a quarter of the query)."""
    me = viewer.membership
    return (
        Handover.objects.visible_to(viewer)
        .select_related("leaving__user", "successor__user")
        .annotate(open_items=open_items())
        .filter(
            Q(leaving=me, leaving_signed_at__isnull=True)
            | Q(successor=me, successor_signed_at__isnull=True)
        )
        .order_by("-created_at", "-pk")
    )
