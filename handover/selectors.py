"""Reads of handovers — always through visibility (visible_to)."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, Q

from accounts.names import display_name
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


@dataclass(frozen=True)
class ToSign:
    """A handover waiting for the viewer's signature, as the overview and the digest name it."""

    pk: int
    leaving: str
    successor: str
    open_items: int


def _person(link: str) -> tuple[str, ...]:
    return (f"{link}__user__display_name", f"{link}__user__email", f"{link}__user_id")


def _name(display, email, user_id) -> str:
    return display_name(SimpleNamespace(display_name=display, email=email) if user_id else None)


def handovers_to_sign(viewer, limit: int) -> list[ToSign]:
    """The viewer's own handovers (leaving or taking over) that still lack their signature,
    newest first, read as values: the people's names and the open points, nothing else (as
    model instances with their memberships and accounts they cost twice as much)."""
    me = viewer.membership
    rows = (
        Handover.objects.visible_to(viewer)
        .filter(
            Q(leaving=me, leaving_signed_at__isnull=True)
            | Q(successor=me, successor_signed_at__isnull=True)
        )
        .annotate(open_items=open_items())
        .order_by("-created_at", "-pk")
        .values_list("pk", "open_items", *_person("leaving"), *_person("successor"))
    )
    return [ToSign(row[0], _name(*row[2:5]), _name(*row[5:8]), row[1]) for row in rows[:limit]]
