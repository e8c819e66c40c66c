"""What the public may read of a co-production: only items marked public, read as the
public viewer through ``visible_to`` (workspaces/visibility.py decides, nothing here does).

Links between public items (a decision's body, a meeting's minutes) are followed only to
items that are public themselves, so a published decision never names an unpublished body.
"""

from datetime import datetime, time
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from actors.models import Actor
from decisions.models import Decision
from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from knowledge.models import GlossaryTerm, KnowledgeItem
from lifecycle import selectors as lifecycle
from meetings.models import Meeting, Minutes
from reflection import selectors as reflection
from structures.models import Body, Mandate, PhasePlan
from workspaces.models import Coproduction, Partner
from workspaces.visibility import Viewer

# Decisions reach the public once taken: drafts and running votes are the partners' work.
TAKEN = (Decision.Status.DECIDED, Decision.Status.SUPERSEDED)


def public_viewer(coproduction) -> Viewer:
    return Viewer(
        user=None, coproduction_id=coproduction.pk, membership=None, ended=coproduction.ended
    )


def _published_sources():
    """One queryset per kind of item that can appear on the public page, unfiltered by
    co-production: the directory asks whether any of them has a public row."""
    return [
        Goal.objects.public(),
        Demand.objects.public(),
        Contribution.objects.public(),
        Obstacle.objects.public(),
        Milestone.objects.public(),
        PhasePlan.objects.public(),
        Body.objects.public(),
        Meeting.objects.public(),
        Decision.objects.public().filter(status__in=TAKEN),
        reflection.public_evaluations(),
        Actor.objects.public(),
        KnowledgeItem.objects.public(),
        GlossaryTerm.objects.public(),
        lifecycle.public_closings(),
    ]


def published_coproductions():
    """The co-productions that publish anything, by name (one query)."""
    published = reduce(
        or_, (Exists(rows.filter(coproduction=OuterRef("pk"))) for rows in _published_sources())
    )
    return Coproduction.objects.filter(published).order_by("name", "pk")


def publishes_anything(coproduction) -> bool:
    return published_coproductions().filter(pk=coproduction.pk).exists()


def goals(viewer):
    return Goal.objects.visible_to(viewer).order_by("kind", "owner_side", "id")


def partners(coproduction):
    """Who takes part: the organisations, not the people (card 52 asks for transparency about
    the co-production, members' names stay inside)."""
    return Partner.objects.filter(coproduction=coproduction, left_at__isnull=True).order_by(
        "side", "name"
    )


def actors(viewer):
    """Further actors marked public: name, kind and role; their contact data only where the
    partners marked it public too (the template asks ``contact_public``)."""
    return Actor.objects.visible_to(viewer).order_by("name", "pk")


def demands(viewer):
    return Demand.objects.visible_to(viewer).order_by("owner_side", "kind", "id")


def contributions(viewer):
    return Contribution.objects.visible_to(viewer).select_related("partner")


def obstacles(viewer):
    return Obstacle.objects.visible_to(viewer).prefetch_related(
        Prefetch("goal", queryset=Goal.objects.visible_to(viewer))
    )


def milestones(viewer):
    return Milestone.objects.visible_to(viewer).order_by("due_date", "id")


def evaluations(viewer):
    """Honest evaluations of reflection rounds the partners published (card 52)."""
    return reflection.evaluations(viewer)


def phase_plans(viewer):
    return PhasePlan.objects.visible_to(viewer).order_by("id")


def bodies(viewer):
    current = Mandate.objects.filter(ended_on__isnull=True).select_related(
        "partner", "holder__user"
    )
    return Body.objects.visible_to(viewer).prefetch_related(
        Prefetch("mandates", queryset=current, to_attr="current_mandates")
    )


def decisions(viewer):
    """Taken decisions, newest first, with what they replaced and what replaced them."""
    visible = Decision.objects.visible_to(viewer)
    return (
        visible.filter(status__in=TAKEN)
        .prefetch_related(
            Prefetch("body", queryset=Body.objects.visible_to(viewer)),
            Prefetch("supersedes", queryset=visible),
            Prefetch("replacements", queryset=visible.filter(status__in=TAKEN)),
        )
        .order_by("-decided_at", "-number")
    )


def meetings(viewer):
    """Meetings, the coming ones first, then the held ones newest first; minutes only once
    approved (a draft may still change)."""
    approved = Minutes.objects.filter(status=Minutes.Status.APPROVED)
    return Meeting.objects.visible_to(viewer).prefetch_related(
        Prefetch("body", queryset=Body.objects.visible_to(viewer)),
        Prefetch("minutes", queryset=approved),
    )


def upcoming_meetings(viewer):
    return meetings(viewer).filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")


def held_meetings(viewer):
    return meetings(viewer).filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")


def news(viewer, *, limit: int):
    """The feed's entries, newest first: milestones reached, decisions taken, meetings held.
    Three queries however long the history."""
    reached = (
        Milestone.objects.visible_to(viewer)
        .filter(status=Milestone.Status.REACHED, reached_on__isnull=False)
        .order_by("-reached_on", "-id")[:limit]
    )
    taken = (
        Decision.objects.visible_to(viewer)
        .filter(status__in=TAKEN, decided_at__isnull=False)
        .order_by("-decided_at", "-id")[:limit]
    )
    held = held_meetings(viewer)[:limit]
    entries = [*reached, *taken, *held]
    entries.sort(key=happened_at, reverse=True)
    return entries[:limit]


def happened_at(item):
    """When an entry of the feed happened, as an aware datetime."""
    if isinstance(item, Milestone):
        return timezone.make_aware(datetime.combine(item.reached_on, time.min))
    if isinstance(item, Decision):
        return item.decided_at
    return item.ends_at


def knowledge_items(viewer):
    """Published notes, links and documents: what the co-production shares beyond itself
    (card 37)."""
    return KnowledgeItem.objects.visible_to(viewer).order_by("-id")


def glossary_terms(viewer):
    """Public terms with their plain-language summary (card 51)."""
    return GlossaryTerm.objects.visible_to(viewer).order_by("term", "id")
