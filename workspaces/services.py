"""Writes of the Werkstatt: co-productions, partners, invitations, memberships.

Every function owns its transaction, records the change in the history and sends e-mail only
after commit.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from history.models import ChangeRecord
from history.services import diff, record_change, snapshot
from workspaces.concurrency import StaleEdit, save_versioned
from workspaces.models import Coproduction, Invitation, Membership, Partner
from workspaces.notify import enqueue_mail
from workspaces.tasks import send_invitation

INVITATION_DAYS = 14
COPRODUCTION_FIELDS = [
    "name",
    "description",
    "kind",
    "field",
    "level",
    "dimensions",
    "start_date",
    "planned_end",
    "aims_permanent",
    "affected_groups",
    "affected_exchange",
]
PARTNER_FIELDS = [
    "name",
    "side",
    "org_form",
    "decision_style",
    "networks",
    "responsibilities",
    "consultation_days",
    "civil_mode",
    "motivation",
    "experience",
    "experience_note",
]
MEMBERSHIP_FIELDS = [
    "partner",
    "access",
    "employment",
    "availability",
    "roles",
    "role_conflicts",
    "email_reminders",
    "weekly_digest",
]


class WorkspaceError(Exception):
    """A request the rules of the Werkstatt do not allow; the message is for the user and
    ``field`` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


ENDED = (
    "Diese Ko-Produktion ist beendet und nur noch zum Nachlesen da: Hier ändert sich nichts "
    "mehr. Soll es weitergehen, kann eine Koordination sie mit Begründung wieder öffnen."
)


def refuse_if_ended(coproduction_id: int) -> None:
    """Nothing changes in an ended co-production (workspaces.stage): for the few writes that
    record no change of their own, which ``record_change`` would refuse."""
    if Coproduction.objects.filter(pk=coproduction_id, stage=Coproduction.Stage.ENDED).exists():
        raise WorkspaceError(ENDED)


def _unique_slug(name: str) -> str:
    base = slugify(name.translate(GERMAN_LETTERS))[:60].strip("-") or "ko-produktion"
    slug, n = base, 2
    while Coproduction.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def update_recorded(
    actor, item, fields: list[str], expected_version: int, values: dict, *, m2m=None
):
    """Write ``values`` if nobody saved the item since ``expected_version``; record the diff.

    ``m2m`` is a triple (name, read, write) for a many-to-many relation: ``write(item)`` runs
    after the checked save, and its value before and after goes into the same history entry.
    """
    stored = type(item).objects.filter(pk=item.pk).first()
    if stored is None:
        raise WorkspaceError("Diesen Eintrag gibt es nicht mehr. Jemand hat ihn gelöscht.")
    # The stored row, not ``item``: a bound form may already have changed ``item`` in memory.
    before = snapshot(stored, fields)
    for name, value in values.items():
        setattr(item, name, value)
    save_versioned(item, expected_version=expected_version, fields=list(values))
    after = snapshot(item, fields)
    if m2m:
        name, read, write = m2m
        before[name] = read(stored)
        write(item)
        after[name] = read(item)
    changes = diff(before, after)
    if changes:
        record_change(actor=actor, item=item, action=ChangeRecord.Action.UPDATED, changes=changes)
    return item


# What a creation entry leaves out: a field the item was created without says nothing (0 and
# False compare equal, so both go too); ``keep`` names a field whose empty value says something.
EMPTY = ("", None, [], False)


def _triples(m2m) -> list:
    """``m2m`` is one (name, read, write) triple or a list of them."""
    if not m2m:
        return []
    return [m2m] if isinstance(m2m[0], str) else list(m2m)


@transaction.atomic
def create_recorded(
    actor, item, fields: list[str], values: dict | None = None, *, m2m=None, more=None, keep=()
):
    """The one way to create a recorded item: save it, write its relations, record what it
    was created with; return it.

    ``item`` is an unsaved instance, or a model built from ``values``. The domain's checks
    (visibility, ``may_link``, its own rules) are the caller's and come first. ``m2m`` is a
    (name, read, write) triple or a list of them, as for ``update_recorded``: ``write(item)``
    runs after the save and ``read(item)`` goes into the same history entry. ``more`` adds
    values the fields do not show (or replaces how one is shown). The whole creation is one
    transaction of its own: when ``record_change`` refuses (an ended co-production), nothing
    of it stays, even for a caller that catches the refusal."""
    if isinstance(item, type):
        item = item(**(values or {}))
    item.save(force_insert=True)
    created = snapshot(item, fields)
    for name, read, write in _triples(m2m):
        write(item)
        created[name] = read(item)
    created.update(more or {})
    record_change(
        actor=actor,
        item=item,
        action=ChangeRecord.Action.CREATED,
        changes={
            name: [None, value]
            for name, value in created.items()
            if name in keep or value not in EMPTY
        },
    )
    return item


def save_single(
    actor, model, lookup: dict, fields: list[str], expected_version, values: dict, **more
):
    """The one item of its kind — a co-production's conflict agreement, reflection rhythm or
    closing, a round's evaluation: the first save creates it (``more`` adds what only the
    creation sets, as for ``create_recorded``: ``built`` values, ``keep``), every later save
    checks the version the person started from. A form that started from none while someone
    created it meanwhile is refused like every stale edit, never written over it. Call it
    inside the service's transaction."""
    current = model.objects.select_for_update().filter(**lookup).first()
    if current is None:
        if expected_version is not None:
            raise WorkspaceError("Diesen Eintrag gibt es nicht mehr. Jemand hat ihn gelöscht.")
        built = model(**lookup, **more.pop("built", {}), **values)
        return create_recorded(actor, built, fields, **more)
    if expected_version is None:
        raise StaleEdit(current)
    return update_recorded(actor, current, fields, expected_version, values)


def delete_recorded(actor, item, expected_version: int | None, *, check=None):
    """The one way to delete an item: lock its row, refuse if someone saved it since the
    person looked at it, let ``check(current)`` refuse for a reason of the domain (it raises)
    or note what the caller needs afterwards (it returns that), record the deletion, delete.

    Returns what ``check`` returned; nothing when the item was already gone. Call it inside
    the service's transaction: the lock makes a concurrent change of the row wait."""
    current = type(item).objects.select_for_update().filter(pk=item.pk).first()
    if current is None:
        return None
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(current)
    kept = check(current) if check else None
    record_change(actor=actor, item=current, action=ChangeRecord.Action.DELETED)
    current.delete()
    return kept


@transaction.atomic
def coproduction_create(*, actor, partner: dict, **fields) -> Coproduction:
    """Open a co-production with the founder's organisation and the founder as coordinator."""
    coproduction = create_recorded(
        actor, Coproduction(slug=_unique_slug(fields["name"]), **fields), []
    )
    first = partner_create(actor=actor, coproduction=coproduction, **partner)
    membership = Membership.objects.create(
        user=actor,
        coproduction=coproduction,
        partner=first,
        access=Membership.Access.COORDINATION,
        roles=[Membership.Role.COORDINATION],
    )
    record_change(actor=actor, item=membership, action=ChangeRecord.Action.JOINED)
    return coproduction


@transaction.atomic
def coproduction_update(*, actor, coproduction, expected_version: int, **values):
    return update_recorded(actor, coproduction, COPRODUCTION_FIELDS, expected_version, values)


@transaction.atomic
def partner_create(*, actor, coproduction, **fields) -> Partner:
    return create_recorded(actor, Partner(coproduction=coproduction, **fields), PARTNER_FIELDS)


def _membership_of(actor, coproduction_id: int) -> Membership | None:
    return (
        Membership.objects.select_related("partner")
        .filter(user=actor, coproduction_id=coproduction_id, left_at__isnull=True)
        .first()
        if getattr(actor, "is_authenticated", False)
        else None
    )


def partner_side_fixed(partner: Partner) -> bool:
    """A partner's side decides who sees what (workspaces.visibility): once anyone or anything
    belongs to the partner — a member, former or not, an invitation, a contribution, a
    mandate — moving it to the other side would hand that side's items to them."""
    return any(
        relation.related_model._default_manager.filter(**{relation.field.name: partner}).exists()
        for relation in Partner._meta.related_objects
    )


def _check_side_change(actor, partner: Partner, side: str) -> None:
    stored = Partner.objects.select_for_update().get(pk=partner.pk)
    if side == stored.side:
        return
    if partner_side_fixed(stored):
        raise WorkspaceError(
            "Die Seite dieser Partner:in steht fest: Sie hat schon Mitglieder oder Einträge. "
            "Gehört die Organisation zur anderen Seite, legt sie dort neu an.",
            field="side",
        )
    membership = _membership_of(actor, stored.coproduction_id)
    if membership is None or membership.access != Membership.Access.COORDINATION:
        raise WorkspaceError(
            "Die Seite einer Partner:in kann nur die Koordination berichtigen.", field="side"
        )


@transaction.atomic
def partner_update(*, actor, partner, expected_version: int, **values):
    if "side" in values:
        _check_side_change(actor, partner, values["side"])
    return update_recorded(actor, partner, PARTNER_FIELDS, expected_version, values)


def side_has_members(coproduction_id: int, side: str) -> bool:
    return Membership.objects.filter(
        coproduction_id=coproduction_id, partner__side=side, left_at__isnull=True
    ).exists()


def may_invite_into(actor, partner: Partner) -> bool:
    """Only a side lets people into that side: a coordinator of the partner's side invites —
    except into a side with no members yet, which is how the other side is brought in."""
    membership = _membership_of(actor, partner.coproduction_id)
    if membership is None or membership.access != Membership.Access.COORDINATION:
        return False
    return membership.side == partner.side or not side_has_members(
        partner.coproduction_id, partner.side
    )


@transaction.atomic
def invitation_create(*, actor, coproduction, partner, email: str, access: str) -> Invitation:
    refuse_if_ended(coproduction.pk)  # an invitation records no change of its own
    email = email.strip().lower()
    if Membership.objects.filter(
        coproduction=coproduction, user__email__iexact=email, left_at__isnull=True
    ).exists():
        raise WorkspaceError("Diese Person ist schon Mitglied.")
    if partner.coproduction_id != coproduction.pk:
        raise WorkspaceError(
            "Diese Partner:in gehört nicht zu eurer Ko-Produktion.", field="partner"
        )
    if not may_invite_into(actor, partner):
        raise WorkspaceError(
            "In eine Seite, die schon Mitglieder hat, lädt nur deren eigene Koordination ein.",
            field="partner",
        )
    # Waits for a simultaneous invitation into the same co-production (PostgreSQL; SQLite
    # lets one writer in at a time anyway), so the same address is never invited twice.
    Coproduction.objects.select_for_update().filter(pk=coproduction.pk).values("pk").first()
    pending = (
        Invitation.objects.filter(
            coproduction=coproduction,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )
    if pending is not None:
        raise WorkspaceError(
            f"An {email} ist schon eine Einladung unterwegs (vom "
            f"{timezone.localtime(pending.created_at):%d.%m.%Y}). Ist sie nicht angekommen, "
            "zieht sie unten zurück und ladet neu ein.",
            field="email",
        )
    invitation = Invitation.objects.create(
        coproduction=coproduction,
        partner=partner,
        email=email,
        access=access,
        token=secrets.token_urlsafe(32),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    # Queued with the invitation itself: sent by the worker once this transaction commits.
    members = reverse("workspaces:members", args=[coproduction.slug])
    enqueue_mail(send_invitation, invitation.pk, about=invitation, kind="Einladung", link=members)
    return invitation


@transaction.atomic
def partner_create_and_invite(
    *, actor, coproduction, partner: dict, email: str, access: str
) -> Invitation:
    """A new partner and the invitation of its first member, both or neither."""
    created = partner_create(actor=actor, coproduction=coproduction, **partner)
    return invitation_create(
        actor=actor, coproduction=coproduction, partner=created, email=email, access=access
    )


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> None:
    refuse_if_ended(invitation.coproduction_id)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(*, user, token: str) -> Membership:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("coproduction", "partner")
        .filter(token=token)
        .first()
    )
    if invitation is None or invitation.revoked_at:
        raise WorkspaceError("Diese Einladung gibt es nicht (mehr).")
    if invitation.accepted_at:
        raise WorkspaceError("Diese Einladung wurde schon angenommen.")
    if invitation.expires_at < timezone.now():
        raise WorkspaceError("Diese Einladung ist abgelaufen. Bittet um eine neue.")
    if user.email.lower() != invitation.email.lower():
        raise WorkspaceError(
            f"Diese Einladung ging an {invitation.email}. Meldet euch bitte mit dieser Adresse an."
        )
    partner = invitation.partner
    if side_has_members(partner.coproduction_id, partner.side) and not may_invite_into(
        invitation.invited_by, partner
    ):
        # Issued for an empty side, which has members of its own by now: they decide.
        raise WorkspaceError(
            "Diese Einladung gilt nicht mehr: Die Seite hat inzwischen eigene Mitglieder. "
            "Bittet deren Koordination um eine neue Einladung."
        )
    existing = Membership.objects.filter(
        user=user, coproduction=invitation.coproduction, left_at__isnull=True
    ).first()
    if existing:
        raise WorkspaceError("Ihr seid schon Mitglied dieser Ko-Produktion.")
    membership = Membership.objects.create(
        user=user,
        coproduction=invitation.coproduction,
        partner=invitation.partner,
        access=invitation.access,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_change(actor=user, item=membership, action=ChangeRecord.Action.JOINED)
    return membership


def _coordinators_left(membership: Membership) -> int:
    return (
        Membership.objects.filter(
            coproduction=membership.coproduction,
            access=Membership.Access.COORDINATION,
            left_at__isnull=True,
        )
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_update(*, actor, membership, expected_version: int, **values):
    demoted = (
        membership.access == Membership.Access.COORDINATION
        and values.get("access", membership.access) != Membership.Access.COORDINATION
    )
    if demoted and not _coordinators_left(membership):
        raise WorkspaceError("Eine Ko-Produktion braucht mindestens eine Koordination.")
    partner = values.get("partner", membership.partner)
    if partner.pk != membership.partner_id and (
        partner.coproduction_id != membership.coproduction_id
        or partner.side != Partner.objects.get(pk=membership.partner_id).side
    ):
        # A membership never changes side: what the person has seen stays on their side.
        raise WorkspaceError(
            "Eine Mitgliedschaft bleibt auf ihrer Seite. Wählt eine Partner:in derselben Seite; "
            "zur anderen Seite lädt deren Koordination ein.",
            field="partner",
        )
    return update_recorded(actor, membership, MEMBERSHIP_FIELDS, expected_version, values)


@transaction.atomic
def membership_leave(*, actor, membership) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_at:
        raise WorkspaceError("Diese Mitgliedschaft ist schon beendet.")
    if membership.access == Membership.Access.COORDINATION and not _coordinators_left(membership):
        raise WorkspaceError(
            "Ihr seid die letzte Koordination. Gebt die Koordination erst jemand anderem."
        )
    membership.left_at = timezone.now()
    membership.save(update_fields=["left_at"])
    record_change(actor=actor, item=membership, action=ChangeRecord.Action.LEFT)
