"""Kompass-Check rules about handovers (card 48): who goes or rotates hands over, and a
handover ends with both signatures. Read through visibility: a side-only mandate or handover
counts for its side only."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from handover.models import Handover
from structures.models import Body, Mandate
from workspaces.checking import NOW, SOON, Problem, Rule, names, unsettled
from workspaces.models import Membership
from workspaces.visibility import Visibility

# A rotation this close needs its handover now; someone who left this recently is still
# reachable for one.
ROTATION_AHEAD = timedelta(days=30)
LEFT_RECENTLY = timedelta(days=90)


def handovers(ctx):
    return Handover.objects.visible_to(ctx.viewer)


def mandates(ctx):
    return Mandate.objects.filter(body__in=Body.objects.visible_to(ctx.viewer))


def rotating_soon(ctx):
    planned = handovers(ctx).filter(mandate=OuterRef("pk"))
    return unsettled(
        mandates(ctx)
        .filter(rotates=True, ended_on__gte=ctx.today, ended_on__lte=ctx.today + ROTATION_AHEAD)
        .filter(~Exists(planned))
        .select_related("partner", "body"),
        one="Das Mandat {names} rotiert bald, und es gibt noch keine Übergabe.",
        many="Die Mandate {names} rotieren bald, und es gibt noch keine Übergaben.",
        url=ctx.url("handover:create"),
        label=lambda m: f"{m.partner.name} in {m.body.name}",
        side_field="body__visibility",
    )


def left_without_handover(ctx):
    """Who left in the last 90 days holding a mandate (one that ran until they left or
    runs still) and has no handover: their contacts, documents and accounts went with them."""
    held = (
        mandates(ctx)
        .filter(holder=OuterRef("pk"))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("left_at__date")))
    )
    left = (
        Membership.objects.filter(coproduction=ctx.coproduction)
        .filter(Exists(held))
        .exclude(Exists(handovers(ctx).filter(leaving=OuterRef("pk"))))
    )
    people = list(
        ctx.not_passed(left, "left_at", LEFT_RECENTLY)
        .annotate(side_only=~Exists(held.exclude(body__visibility=Visibility.SIDE)))
        .select_related("user")
        .order_by("pk")
    )
    if not people:
        return None
    labels = names([str(p) for p in people], len(people))
    one = len(people) == 1
    return Problem(
        text=f"{labels} {'ist' if one else 'sind'} gegangen und {'hatte' if one else 'hatten'} "
        "ein Mandat – eine Übergabe (Kontakte, Dokumente, Zugänge) ist nicht festgehalten.",
        url=ctx.url("handover:create") + (f"?geht={people[0].pk}" if one else ""),
        state=",".join(str(p.pk) for p in people),
        side_only=any(p.side_only for p in people),
    )


def missing(ctx):
    found = [p for p in (rotating_soon(ctx), left_without_handover(ctx)) if p]
    if not found:
        return None
    return Problem(
        text=" ".join(p.text for p in found),
        url=found[0].url,
        state="|".join(p.state for p in found),
        side_only=any(p.side_only for p in found),
    )


def not_signed(ctx):
    return unsettled(
        handovers(ctx)
        .filter(overlap_to__lt=ctx.today)
        .filter(Q(leaving_signed_at__isnull=True) | Q(successor_signed_at__isnull=True))
        .select_related("leaving__user", "successor__user"),
        one="Die gemeinsame Zeit der {names} ist vorbei, aber noch nicht beide haben abgezeichnet.",
        many="Die gemeinsame Zeit der Übergaben {names} ist vorbei, aber noch nicht beide haben "
        "abgezeichnet.",
        url=lambda h: ctx.url("handover:handover", h.pk) if h else ctx.url("handover:list"),
    )


def has_mandates(ctx) -> bool:
    return mandates(ctx).exists()


def has_handovers(ctx) -> bool:
    return handovers(ctx).exists()


RULES = [
    Rule(
        id="handover.missing",
        title="Wer geht oder ein Mandat abgibt, übergibt",
        cards=(48,),
        severity=SOON,
        check=missing,
        applies=has_mandates,
    ),
    Rule(
        id="handover.signed",
        title="Übergaben sind nach der gemeinsamen Zeit abgezeichnet",
        cards=(48,),
        severity=NOW,
        check=not_signed,
        applies=has_handovers,
    ),
]
