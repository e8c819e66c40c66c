"""Reads about one person: the account page and everything stored about them (DSGVO)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Count, Q

from accounts.names import display_name
from accounts.sections import Memberships, sections_of
from history.models import ChangeRecord
from workspaces.models import Invitation, Membership


@dataclass(frozen=True)
class AccountSummary:
    shown_as: str
    email_addresses: list
    two_factor: bool
    coordinations: list[str]

    @property
    def urge_two_factor(self) -> bool:
        """Coordinators hold the keys of a co-production; their accounts deserve a second factor."""
        return bool(self.coordinations) and not self.two_factor


def two_factor_types(user) -> list[str]:
    return sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True))


def account_summary(user) -> AccountSummary:
    coordinations = Membership.objects.filter(
        user=user, left_at__isnull=True, access=Membership.Access.COORDINATION
    ).values_list("coproduction__name", flat=True)
    return AccountSummary(
        shown_as=display_name(user),
        email_addresses=list(EmailAddress.objects.filter(user=user).order_by("-primary", "email")),
        two_factor=Authenticator.Type.TOTP in two_factor_types(user),
        coordinations=list(coordinations),
    )


def verified_addresses(user) -> list[str]:
    """Addresses proven to be the person's; only these may reveal invitations."""
    return [
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


def sole_coordinations(user) -> list[str]:
    """Names of co-productions in which the person is the only active coordinator."""
    coordinating = Q(
        coproduction__memberships__access=Membership.Access.COORDINATION,
        coproduction__memberships__left_at__isnull=True,
    )
    return list(
        Membership.objects.filter(
            user=user, left_at__isnull=True, access=Membership.Access.COORDINATION
        )
        .annotate(coordinators=Count("coproduction__memberships", filter=coordinating))
        .filter(coordinators=1)
        .values_list("coproduction__name", flat=True)
    )


def personal_data(user, *, latest_changes: int | None = None) -> dict:
    """Everything Gemeinwerk stores about the person, without secrets and without other people.

    A fixed number of queries, however long the person's history (one or two per section of
    ``accounts.sections``); ``latest_changes`` keeps only the newest of the recorded changes
    and of each section's rows (for the page; the download has them all).
    """
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    memberships = Memberships(
        user, Membership.objects.filter(user=user).select_related("coproduction", "partner")
    )
    invitations = Invitation.objects.filter(email__in=verified_addresses(user)).select_related(
        "coproduction", "partner"
    )
    changes = (
        ChangeRecord.objects.filter(actor=user)
        .select_related("coproduction", "content_type")
        .order_by("-created_at", "-id")
    )
    changes_count = changes.count()
    if latest_changes is not None:
        changes = changes[:latest_changes]
    access = dict(Membership.Access.choices)
    method_labels = dict(Authenticator.Type.choices)
    types = two_factor_types(user)
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "shown_as": display_name(user),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
            ],
            "two_factor": {
                "enabled": any(t != Authenticator.Type.RECOVERY_CODES for t in types),
                "methods": [str(method_labels.get(t, t)) for t in types],
            },
        },
        "memberships": [
            {
                "coproduction": m.coproduction.name,
                "partner": m.partner.name,
                "side": m.partner.get_side_display(),
                "access": m.get_access_display(),
                "roles": m.role_labels(),
                "role_conflicts": m.role_conflicts,
                "employment": m.get_employment_display(),
                "availability": m.availability,
                "email_reminders": m.email_reminders,
                "weekly_digest": m.weekly_digest,
                "joined_at": m.joined_at,
                "left_at": m.left_at,
            }
            for m in memberships
        ],
        # What the feature apps store about the person through these memberships.
        "sections": sections_of(user, memberships, latest=latest_changes),
        "invitations": [
            {
                "coproduction": i.coproduction.name,
                "partner": i.partner.name,
                "email": i.email,
                "access": access.get(i.access, i.access),
                "sent_at": i.created_at,
                "expires_at": i.expires_at,
                "accepted_at": i.accepted_at,
                "revoked_at": i.revoked_at,
            }
            for i in invitations
        ],
        "changes_count": changes_count,
        "changes": [
            {
                "at": c.created_at,
                "coproduction": c.coproduction.name,
                "item_type": str(c.content_type.model_class()._meta.verbose_name)
                if c.content_type.model_class()
                else c.content_type.model,
                "item": c.object_label,
                "action": c.get_action_display(),
            }
            for c in changes
        ],
    }


def active_memberships(user):
    return Membership.objects.filter(user=user, left_at__isnull=True).select_related(
        "coproduction", "partner"
    )
