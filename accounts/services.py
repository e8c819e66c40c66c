"""Writes of the accounts app: the person's own name and the deletion of their account."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.names import FORMER_MEMBER
from accounts.selectors import sole_coordinations, verified_addresses
from history.models import ChangeRecord
from workspaces.models import Invitation, Membership
from workspaces.services import WorkspaceError, membership_leave

# What a membership says about the person; it goes with the account (DSGVO Art. 17).
PERSONAL_MEMBERSHIP_FIELDS = ["availability", "role_conflicts"]


class AccountError(Exception):
    """A request the account rules do not allow; the message is for the user."""


@transaction.atomic
def account_update(*, user, display_name: str):
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    return user


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
    Invitation.objects.filter(email__in=verified_addresses(user)).delete()
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
