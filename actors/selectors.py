"""Reads of the register of further actors — always through visibility (visible_to).

A linked body is prefetched through ``visible_to`` too, so a page never names a body its
viewer may not see. Whether the viewer reads a person's contact data is decided here as well.
"""

from dataclasses import dataclass

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


# The map draws at most this many actors, the most influential and nearest first. Its three
# rings hold 35, 56 and 76 markers side by side (SPACING in stakeholder_map.py); at 300 they
# crowded onto sub-rings nobody could take in on a phone, and every dot cost the page time.
# The register lists every actor.
MAP_LIMIT = 100
_INFLUENCE_RANK = Case(
    When(influence=Actor.Influence.HIGH, then=0),
    When(influence=Actor.Influence.MIDDLE, then=1),
    default=2,
)
_CLOSENESS_RANK = Case(
    When(closeness=Closeness.NEAR, then=0), When(closeness=Closeness.MIDDLE, then=1), default=2
)


@dataclass(frozen=True, slots=True)
class MapActor:
    """What the map and its table show of an actor — no contact data. Plain values, not a
    model instance: building hundreds of those was a third of the map's time."""

    pk: int
    name: str
    kind: str
    closeness: str
    influence: str

    def get_kind_display(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)

    def get_closeness_display(self) -> str:
        return _CLOSENESS_LABELS.get(self.closeness, self.closeness)

    def get_influence_display(self) -> str:
        return _INFLUENCE_LABELS.get(self.influence, self.influence)


_KIND_LABELS = dict(Actor.Kind.choices)
_CLOSENESS_LABELS = dict(Closeness.choices)
_INFLUENCE_LABELS = dict(Actor.Influence.choices)


def map_actors(viewer, limit: int = MAP_LIMIT) -> list[MapActor]:
    """What the map draws of the actors the viewer sees (no contact data): at most ``limit``,
    the most influential and nearest first."""
    rows = (
        Actor.objects.visible_to(viewer)
        .order_by(_INFLUENCE_RANK, _CLOSENESS_RANK, "name", "pk")
        .values_list("pk", "name", "kind", "closeness", "influence")[:limit]
    )
    return [MapActor(*row) for row in rows]


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


def relations_of(actors: list) -> list:
    """The relations of ``actors`` (visible ones) to active partners, in one query: each with
    ``actor_id``, ``partner_id``, ``closeness`` and ``text``, as plain values."""
    return list(
        ActorRelation.objects.filter(
            actor_id__in=[a.pk for a in actors], partner__left_at__isnull=True
        )
        .order_by("actor_id", "partner_id")
        .values_list("actor_id", "partner_id", "closeness", "text", named=True)
    )


def body_choices(viewer):
    """Bodies an actor may sit in: those the viewer sees."""
    return Body.objects.visible_to(viewer).order_by("name", "pk")
