"""Reads of the Werkstatt that depend on who is looking."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import ngettext

from workspaces.models import Coproduction, Invitation, Mailing, Membership, Partner
from workspaces.notify import failure_reason
from workspaces.visibility import Side, Viewer, Visibility, visible_among


def active_membership(user, coproduction) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.select_related("partner")
        .filter(user=user, coproduction=coproduction, left_at__isnull=True)
        .first()
    )


def viewer_for(user, coproduction) -> Viewer:
    return Viewer(
        user=user,
        coproduction_id=coproduction.pk,
        membership=active_membership(user, coproduction),
        ended=coproduction.ended,
    )


def coproduction_for_member(user, slug: str) -> tuple[Coproduction, Viewer]:
    """The co-production and the viewer — 404 for anyone who is not a member (no leak).
    One query for every page of the Werkstatt: the membership with its partner and
    co-production."""
    membership = (
        Membership.objects.select_related("partner", "coproduction")
        .filter(user=user, coproduction__slug=slug, left_at__isnull=True)
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if membership is None:
        raise Http404
    coproduction = membership.coproduction
    viewer = Viewer(
        user=user,
        coproduction_id=coproduction.pk,
        membership=membership,
        ended=coproduction.ended,
    )
    return coproduction, viewer


def coproductions_of(user):
    # Chosen by a subquery: filtering on the joined memberships would leave only the user's
    # own row for the count ("1 Mitglieder" everywhere).
    own = Membership.objects.filter(user=user, left_at__isnull=True).values("coproduction_id")
    return (
        Coproduction.objects.filter(pk__in=own)
        .annotate(member_count=Count("memberships", filter=Q(memberships__left_at__isnull=True)))
        .order_by("name")
    )


def partners_of(coproduction):
    return Partner.objects.filter(coproduction=coproduction).annotate(
        member_count=Count("memberships", filter=Q(memberships__left_at__isnull=True))
    )


def members_of(coproduction, *, include_former: bool = False):
    rows = Membership.objects.filter(coproduction=coproduction).select_related("user", "partner")
    return rows if include_former else rows.filter(left_at__isnull=True)


def invitations_waiting(user, now):
    """Invitations the person can still accept, newest first: not accepted, revoked or expired,
    and not into an ended co-production (an archive takes nobody in; record_change refuses)."""
    return (
        Invitation.objects.filter(
            email__iexact=user.email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gte=now,
        )
        .exclude(coproduction__stage=Coproduction.Stage.ENDED)
        .select_related("coproduction", "partner")
        .order_by("-created_at")
    )


def open_invitations(coproduction):
    return Invitation.objects.filter(
        coproduction=coproduction, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("partner")


@dataclass(frozen=True)
class Undelivered:
    kind: str
    item: object
    link: str
    failed_at: datetime
    reason: str


def undelivered_mails(viewer: Viewer) -> list[Undelivered]:
    """Mails the worker gave up on, about items the viewer may see, newest first: a side-only
    item's mail shows only on its own side. Read through the index of failed mails alone,
    however many were delivered; the task is joined only for the reason."""
    failed = list(
        Mailing.objects.filter(coproduction_id=viewer.coproduction_id, failed_at__isnull=False)
        .select_related("task")
        .order_by("-failed_at", "-pk")
    )
    ids_by_type: dict[int, list[int]] = {}
    for mailing in failed:
        ids_by_type.setdefault(mailing.item_type_id, []).append(mailing.item_id)
    visible = {
        (type_id, pk): item
        for type_id, ids in ids_by_type.items()
        for pk, item in visible_among(
            viewer, ContentType.objects.get_for_id(type_id).model_class(), ids
        ).items()
    }
    return [
        Undelivered(
            kind=mailing.kind,
            item=visible[key],
            link=mailing.link,
            failed_at=mailing.failed_at,
            reason=failure_reason(mailing.task),
        )
        for mailing in failed
        if (key := (mailing.item_type_id, mailing.item_id)) in visible
    ]


def audience_after(coproduction, visibility: str, owner_side: str = "") -> str:
    """Who sees an item once it has ``visibility``, in words: what a confirmation before
    widening it names (two queries)."""
    if visibility == Visibility.PUBLIC:
        return (
            "alle – auch Menschen ohne Konto: Es steht auf eurer öffentlichen Seite und in "
            "ihrem Feed"
        )
    members = Membership.objects.filter(coproduction=coproduction, left_at__isnull=True)
    partners = Partner.objects.filter(coproduction=coproduction, left_at__isnull=True)
    if visibility == Visibility.SIDE:
        members = members.filter(partner__side=owner_side)
        partners = partners.filter(side=owner_side)
    count = members.count()
    names = ", ".join(partners.order_by("side", "name").values_list("name", flat=True))
    if visibility == Visibility.SIDE:
        who = ngettext(
            "%(count)d Mitglied eurer Seite (%(side)s)",
            "die %(count)d Mitglieder eurer Seite (%(side)s)",
            count,
        ) % {"count": count, "side": Side(owner_side).label}
    else:
        who = ngettext(
            "%(count)d Mitglied der Ko-Produktion",
            "alle %(count)d Mitglieder der Ko-Produktion",
            count,
        ) % {"count": count}
    return f"{who}, von {names}" if names else who
