"""Writes of the accounts app: the person's own name and the deletion of their account."""

import json
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q, TextField
from django.db.models.functions import Cast

from accounts.names import FORMER_MEMBER, display_name, without_name
from accounts.sections import Memberships, forget
from accounts.selectors import sole_coordinations, verified_addresses
from history import kept
from history.models import ChangeRecord
from workspaces.models import Coproduction, Delivery, Invitation, Membership
from workspaces.services import WorkspaceError, membership_leave

# What a membership says about the person; it goes with the account (DSGVO Art. 17).
PERSONAL_MEMBERSHIP_FIELDS = ["availability", "role_conflicts"]


class AccountError(Exception):
    """A request the account rules do not allow; the message is for the user."""


@transaction.atomic
def account_update(*, user, display_name: str):
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    names_changed(user)
    return user


def names_changed(user) -> None:
    """What the pages of the person's co-productions keep is computed again: it names them."""
    coproductions = Coproduction.objects.filter(memberships__user=user)
    Coproduction.objects.filter(pk__in=coproductions).update(names_version=F("names_version") + 1)


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete a person's account; their contributions stay as "ehemaliges Mitglied".

    Active memberships end first (recorded like any leaving). A co-production must never be
    left without coordination, so the last coordinator is asked to hand over first.
    """
    blocked = sole_coordinations(user)
    if blocked:
        names = ", ".join(f"„{name}“" for name in blocked)
        raise AccountError(
            f"Ihr seid die letzte Koordination von {names}. Gebt die Koordination dort "
            "bitte erst an ein anderes Mitglied ab; danach könnt ihr euer Konto löschen."
        )
    memberships = list(Membership.objects.filter(user=user).select_related("coproduction"))
    name = display_name(user)
    addresses = {user.email.lower(), *verified_addresses(user)}
    for membership in memberships:
        # An ended co-production is an archive that changes no more: the membership stays
        # there as it ended, its person "ehemaliges Mitglied" once the account is gone.
        if membership.left_at is None and not membership.coproduction.ended:
            try:
                membership_leave(actor=user, membership=membership)
            except WorkspaceError as error:  # someone else left coordination meanwhile
                raise AccountError(str(error)) from error
    Membership.objects.filter(user=user).update(availability="", role_conflicts="")
    _anonymise_membership_history([m.pk for m in memberships])
    _anonymise_name_in_history(memberships, name)
    forget(Memberships(user, memberships), name)
    Invitation.objects.filter(email__in=verified_addresses(user)).delete()
    # Which mails reached the person keeps a task from sending one twice; without the
    # account no task addresses them again.
    Delivery.objects.filter(
        reduce(or_, (Q(recipient__iexact=address) for address in addresses))
    ).delete()
    # What the pages keep names members (a finding's text): nothing kept names them any more,
    # in this process, the shared cache, and (by the stamp) every other process.
    names_changed(user)
    kept.forget_all()
    user.delete()


def _anonymise_membership_history(membership_ids: list[int]) -> None:
    """History entries about the person's memberships carry their name and personal notes."""
    records = list(
        ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(Membership),
            object_id__in=membership_ids,
        )
    )
    for record in records:
        record.object_label = FORMER_MEMBER
        for name in PERSONAL_MEMBERSHIP_FIELDS:
            record.changes.pop(name, None)
    ChangeRecord.objects.bulk_update(records, ["object_label", "changes"])


def _items_pointing_at(membership_ids: list[int]) -> set[tuple[int, int]]:
    """(content type, pk) of every item whose foreign key names one of the memberships — a
    goal's steward, a handover's leaving person —, found through the models, since accounts
    may not import the feature apps."""
    found = set()
    for model in apps.get_models():
        links = [
            f.name
            for f in model._meta.get_fields()
            if f.many_to_one and f.related_model is Membership and not f.auto_created
        ]
        if not links:
            continue
        content_type = ContentType.objects.get_for_model(model)
        pointing = Q()
        for link in links:
            pointing |= Q(**{f"{link}__in": membership_ids})
        for pk in model._default_manager.filter(pointing).values_list("pk", flat=True):
            found.add((content_type.pk, pk))
    return found


def _anonymise_name_in_history(memberships: list, name: str) -> None:
    """History entries of other items carry the person's name where an item pointed at them
    (a goal's steward, a milestone's responsible person, a handover, a vote): it goes with
    the account. Certain mentions only — a value that is the name, the name in a key
    ("Stimme von …"), in the label of an item that points at one of the memberships or was
    recorded with the name (deleted since) —, so that someone else's title merely containing
    it stays. Another member of the same name is
    made anonymous too in these places, which the history cannot tell apart; a name the
    person used before their current one is not known any more."""
    if not memberships:
        return
    membership_ids = [m.pk for m in memberships]
    # Stored JSON may escape umlauts (SQLite) or not (PostgreSQL).
    forms = {name, json.dumps(name)[1:-1]}
    mentions = Q()
    for form in forms:
        mentions |= Q(as_text__contains=form)
    records = (
        ChangeRecord.objects.filter(coproduction_id__in={m.coproduction_id for m in memberships})
        .annotate(as_text=Cast("changes", TextField()))
        .filter(mentions | Q(object_label__contains=name))
    )
    records = list(records)
    # Items that name the person: pointing at a membership now, or recorded with the name as
    # a value once (a handover deleted since, a goal whose steward changed).
    naming = _items_pointing_at(membership_ids) | {
        (r.content_type_id, r.object_id)
        for r in records
        if without_name(r.changes, name) != r.changes
    }
    changed = []
    for record in records:
        before = (record.object_label, record.changes)
        if (record.content_type_id, record.object_id) in naming:
            record.object_label = without_name(record.object_label, name, within=True)
        record.changes = without_name(record.changes, name)
        if (record.object_label, record.changes) != before:
            changed.append(record)
    ChangeRecord.objects.bulk_update(changed, ["object_label", "changes"])
