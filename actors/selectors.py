"""Reads of the register of further actors — always through visibility (visible_to).

A linked body is prefetched through ``visible_to`` too, so a page never names a body its
viewer may not see. Whether the viewer reads a person's contact data is decided here as well.
"""

from django.db.models import Case, Count, Prefetch, When

from actors.models import Actor, ActorRelation, Closeness
from structures.models import Body
from workspaces.models import Partner
from workspaces.rules import allowed


def actors_for(viewer):
    return Actor.objects.visible_to(viewer).prefetch_related(
        Prefetch("body", queryset=Body.objects.visible_to(viewer))
    )


def actor_detail_rows(viewer):
    return (
        actors_for(viewer)
        .select_related(
            "approached_by__user",
            "approached_by__partner",
            "channel_owner__user",
            "channel_owner__partner",
        )
        .prefetch_related(
            Prefetch("relations", queryset=ActorRelation.objects.select_related("partner"))
        )
    )


# The map draws at most this many actors, the most influential and nearest first: more dots
# than this say nothing a reader can take in, and the page stays as fast at thousands.
MAP_LIMIT = 300
_INFLUENCE_RANK = Case(
    When(influence=Actor.Influence.HIGH, then=0),
    When(influence=Actor.Influence.MIDDLE, then=1),
    default=2,
)
_CLOSENESS_RANK = Case(
    When(closeness=Closeness.NEAR, then=0), When(closeness=Closeness.MIDDLE, then=1), default=2
)


def map_actors(viewer, limit: int = MAP_LIMIT) -> list[Actor]:
    """What the map draws of the actors the viewer sees (no contact data): at most ``limit``,
    the most influential and nearest first."""
    return list(
        Actor.objects.visible_to(viewer)
        .only("pk", "name", "kind", "closeness", "influence", "visibility", "owner_side")
        .order_by(_INFLUENCE_RANK, _CLOSENESS_RANK, "name", "pk")[:limit]
    )


def sees_contact(viewer, actor: Actor) -> bool:
    """Contact data of a person: to everyone who sees the actor if it is marked public,
    otherwise only to members who work with it (Koordination, Mitglied) — never to observers
    such as accompanying researchers, nor to the public (card 49, DSGVO)."""
    return allowed(viewer.user, "actors.see_contact", viewer, actor)


def kind_counts(viewer) -> dict[str, int]:
    rows = Actor.objects.visible_to(viewer).values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows.order_by()}


def partners_of(coproduction):
    """Active partners, the middle of the stakeholder map (every member sees them)."""
    return list(
        Partner.objects.filter(coproduction=coproduction, left_at__isnull=True).order_by(
            "side", "name", "pk"
        )
    )


def relations_of(actors: list[Actor]) -> list[ActorRelation]:
    """The relations of ``actors`` (visible ones) to active partners, in one query."""
    return list(
        ActorRelation.objects.filter(
            actor_id__in=[a.pk for a in actors], partner__left_at__isnull=True
        ).order_by("actor_id", "partner_id")
    )


def body_choices(viewer):
    """Bodies an actor may sit in: those the viewer sees."""
    return Body.objects.visible_to(viewer).order_by("name", "pk")
