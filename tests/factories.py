"""Test data for the Werkstatt, built through the services where they exist.

coordinator = make_user("koordination@amt.example")
coproduction = make_coproduction(coordinator)                       # side: administration
member = add_member(coproduction, make_user("ini@example.org"), side=Side.CIVIL_SOCIETY)
viewer = viewer_of(member.user, coproduction)
"""

from datetime import date
from itertools import count

from django.contrib.auth import get_user_model

from goals.models import Goal, Milestone
from workspaces import services
from workspaces.models import Coproduction, Membership, Partner
from workspaces.selectors import viewer_for
from workspaces.visibility import Side, Visibility

PASSWORD = "ein-gutes-langes-passwort"
_numbers = count(1)

PARTNER_DEFAULTS = {
    Side.ADMINISTRATION: ("Umweltamt", Partner.OrgForm.DEPARTMENT, Partner.DecisionStyle.HIERARCHY),
    Side.CIVIL_SOCIETY: (
        "Ernährungsrat",
        Partner.OrgForm.ASSOCIATION,
        Partner.DecisionStyle.CONSENSUS,
    ),
    Side.EXTERNAL: ("Moderation", Partner.OrgForm.MODERATION, Partner.DecisionStyle.OTHER),
}


def make_user(email: str | None = None, **extra):
    email = email or f"person{next(_numbers)}@example.org"
    return get_user_model().objects.create_user(email, PASSWORD, **extra)


def partner_fields(side: str, name: str | None = None) -> dict:
    default_name, org_form, decision_style = PARTNER_DEFAULTS[Side(side)]
    return {
        "name": name or default_name,
        "side": side,
        "org_form": org_form,
        "decision_style": decision_style,
    }


def make_coproduction(
    coordinator,
    *,
    name: str | None = None,
    side: str = Side.ADMINISTRATION,
    partner_name: str | None = None,
    **fields,
) -> Coproduction:
    """A co-production opened by ``coordinator`` for a partner on ``side``."""
    values = {
        "name": name or f"Ernährungsstrategie {next(_numbers)}",
        "kind": Coproduction.Kind.COPRODUCTION,
        "field": Coproduction.Field.FOOD,
        "level": Coproduction.Level.MUNICIPAL,
        "start_date": date(2025, 1, 1),
        **fields,
    }
    return services.coproduction_create(
        actor=coordinator, partner=partner_fields(side, partner_name), **values
    )


def partner_on(coproduction, side: str, *, name: str | None = None) -> Partner:
    """The first partner on ``side`` (or the one named), created when missing."""
    partners = Partner.objects.filter(coproduction=coproduction, side=side)
    if name:
        partners = partners.filter(name=name)
    partner = partners.order_by("id").first()
    if partner is None:
        partner = services.partner_create(
            actor=None, coproduction=coproduction, **partner_fields(side, name)
        )
    return partner


def add_member(
    coproduction,
    user=None,
    *,
    side: str = Side.CIVIL_SOCIETY,
    access: str = Membership.Access.MEMBER,
    partner: Partner | None = None,
) -> Membership:
    return Membership.objects.create(
        user=user or make_user(),
        coproduction=coproduction,
        partner=partner or partner_on(coproduction, side),
        access=access,
    )


def viewer_of(user, coproduction):
    return viewer_for(user, coproduction)


def make_goal(
    coproduction,
    *,
    side: str = "",
    title: str | None = None,
    level: str = Goal.Level.ABSTRACT,
    visibility: str | None = None,
    **fields,
) -> Goal:
    """A side goal when ``side`` is given (side-only by default), else a joint goal."""
    kind = Goal.Kind.SIDE if side else Goal.Kind.JOINT
    return Goal.objects.create(
        coproduction=coproduction,
        kind=kind,
        owner_side=side,
        level=level,
        title=title or f"Ziel {next(_numbers)}",
        visibility=visibility or (Visibility.SIDE if side else Visibility.COPRODUCTION),
        **fields,
    )


def make_milestone(
    coproduction,
    *,
    title: str | None = None,
    due_date: date | None = None,
    side: str = "",
    visibility: str = Visibility.COPRODUCTION,
    **fields,
) -> Milestone:
    return Milestone.objects.create(
        coproduction=coproduction,
        title=title or f"Meilenstein {next(_numbers)}",
        kind=fields.pop("kind", Milestone.Kind.CONTENT),
        due_date=due_date or date(2025, 6, 1),
        owner_side=side,
        visibility=visibility,
        **fields,
    )
