"""Reads of positions and funding — always through visibility (visible_to).

The positions a funding pays are prefetched through ``visible_to`` as well, so a page never
names a position its viewer may not see.
"""

from django.db.models import F, Prefetch, prefetch_related_objects

from resources.models import Funding, Position

# The picture shows at most this many rows of each kind: those ending soonest.
TIMELINE_LIMIT = 25


def positions_for(viewer):
    return Position.objects.visible_to(viewer).select_related(
        "partner", "holder__user", "holder__partner", "successor__user"
    )


def fundings_for(viewer):
    return (
        Funding.objects.visible_to(viewer)
        .select_related("partner", "follow_up_owner__user")
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.visible_to(viewer).order_by("title"))
        )
    )


def funding_rows(viewer):
    """Fundings for a list; the positions they pay come per page (``with_positions``)."""
    return Funding.objects.visible_to(viewer).select_related("partner", "follow_up_owner__user")


def with_positions(viewer, fundings) -> list:
    """The fundings, each with the positions it pays that the viewer sees (its
    ``positions.all()``, by title). The positions are named by key (the links of these
    fundings): joined from the links alone, SQLite walked every position of the co-production
    for a page of fundings."""
    fundings = list(fundings)
    links = Funding.positions.through.objects.filter(funding_id__in=[f.pk for f in fundings])
    visible = Position.objects.visible_to(viewer).filter(pk__in=links.values("position_id"))
    prefetch_related_objects(fundings, Prefetch("positions", queryset=visible.order_by("title")))
    return fundings


def position_choices(viewer):
    """Positions a funding may pay: those the viewer sees."""
    return Position.objects.visible_to(viewer).select_related("partner").order_by("title", "id")


def timeline_rows(viewer) -> tuple[list, list, int, int]:
    """Fundings and positions for the picture — those still running or ending last, at most
    TIMELINE_LIMIT each — and how many there are in all."""
    fundings = Funding.objects.visible_to(viewer).select_related("partner")
    positions = Position.objects.visible_to(viewer).select_related("partner")
    # Open-ended rows end last, on every database.
    latest = (F("end_date").desc(nulls_first=True), "-id")
    return (
        list(fundings.order_by(*latest)[:TIMELINE_LIMIT])[::-1],
        list(positions.order_by(*latest)[:TIMELINE_LIMIT])[::-1],
        fundings.count(),
        positions.count(),
    )
