"""Permission cases of the foundation, the Fächer, accounts, the Werkstatt and its goals."""

from datetime import date

from accounts.models import User
from goals import services as goals
from workspaces import services
from workspaces.models import Membership

from .cases import (
    COORDINATION,
    LOGIN,
    MEMBERS,
    OWN_SIDE,
    POST_COORDINATION,
    POST_OWN_SIDE,
    PUBLIC,
    SIGNED_IN,
    Case,
    expect,
    item,
    slug,
)

CASES = {
    "core:home": Case(PUBLIC),
    "core:accessibility": Case(PUBLIC),
    "core:easy_language": Case(PUBLIC),
    "guide:overview": Case(PUBLIC),
    "guide:card": Case(PUBLIC, lambda w: [31]),
    "guide:chapter": Case(PUBLIC, lambda w: ["ziele"]),
    "guide:glossary": Case(PUBLIC),
    "guide:search": Case(PUBLIC),
    "guide:network": Case(PUBLIC),
    "guide:sources": Case(PUBLIC),
    "guide:json": Case(PUBLIC),
    "guide:pdf": Case(PUBLIC),
    "accounts:overview": Case(SIGNED_IN),
    "accounts:data": Case(SIGNED_IN),
    "accounts:data_json": Case(SIGNED_IN),
    "accounts:delete": Case(expect(LOGIN, 302, 302, 302, 302)),  # asks for the password first
    "public:page": Case(PUBLIC, lambda w: [w.coproduction.slug]),
    "workspaces:home": Case(SIGNED_IN),
    "workspaces:create": Case(SIGNED_IN),
    "workspaces:invitation": Case(PUBLIC, lambda w: [w.invitation.token]),  # shows, never joins
    "kompass:overview": Case(MEMBERS, slug),
    "workspaces:settings": Case(COORDINATION, slug),
    "workspaces:partners": Case(MEMBERS, slug),
    "workspaces:partner_create": Case(COORDINATION, slug),
    "workspaces:partner": Case(MEMBERS, item("civil")),
    "workspaces:members": Case(MEMBERS, slug),
    "workspaces:invite": Case(COORDINATION, slug),
    "workspaces:member": Case(MEMBERS, item("same_side_membership")),
    "workspaces:invitation_revoke": Case(POST_COORDINATION, item("invitation"), "post"),
    "goals:list": Case(MEMBERS, slug),
    "goals:goal_create": Case(MEMBERS, slug),
    "goals:joint_create": Case(MEMBERS, slug),
    "goals:share": Case(MEMBERS, slug),
    "goals:overlap": Case(MEMBERS, slug),
    "goals:goal": Case(OWN_SIDE, item("side_goal")),
    "goals:goal_delete": Case(OWN_SIDE, item("side_goal")),
    "goals:demand_create": Case(MEMBERS, slug),
    "goals:demand": Case(OWN_SIDE, item("demand")),
    "goals:demand_delete": Case(OWN_SIDE, item("demand")),
    "goals:strategy": Case(MEMBERS, slug),
    "goals:contribution_create": Case(MEMBERS, slug),
    "goals:contribution": Case(OWN_SIDE, item("contribution")),
    "goals:contribution_delete": Case(OWN_SIDE, item("contribution")),
    "goals:obstacle_create": Case(MEMBERS, slug),
    "goals:obstacle": Case(OWN_SIDE, item("obstacle")),
    "goals:obstacle_delete": Case(OWN_SIDE, item("obstacle")),
    "goals:milestones": Case(MEMBERS, slug),
    "goals:milestone_create": Case(MEMBERS, slug),
    "goals:milestone": Case(OWN_SIDE, item("side_milestone")),
    "goals:milestone_delete": Case(OWN_SIDE, item("side_milestone")),
    "goals:milestone_celebrate": Case(POST_OWN_SIDE, item("side_milestone"), "post"),
    "goals:milestone_publish": Case(OWN_SIDE, item("side_milestone")),  # the question
}
# Shared items: every member sees them, whatever their side.
MORE_CASES = {
    "goals:goal": Case(MEMBERS, item("joint_goal")),
    "goals:milestone": Case(MEMBERS, item("joint_milestone")),
    "goals:milestone_publish": Case(
        POST_OWN_SIDE,
        item("side_milestone"),
        "post",
        lambda w: {"confirmed": "1", "version": w.side_milestone.version},
    ),
}


def _user(email):
    return User.objects.create_user(email, "ein-langes-passwort", display_name=email)


def populate(w):
    """The base world: two co-productions, five people, items of every kind."""
    coordinator = _user("koordination@initiative.example")
    w.coproduction = services.coproduction_create(
        actor=coordinator,
        name="Matrix",
        kind="coproduction",
        field="food",
        level="municipal",
        start_date=date(2026, 1, 1),
        partner={
            "name": "Initiative",
            "side": "civil_society",
            "org_form": "initiative",
            "decision_style": "consensus",
        },
    )
    w.civil = w.coproduction.partners.get()
    w.office = services.partner_create(
        actor=coordinator,
        coproduction=w.coproduction,
        name="Amt",
        side="administration",
        org_form="department",
        decision_style="hierarchy",
    )
    same = _user("gleich@initiative.example")
    other = _user("amt@stadt.example")
    w.same_side_membership = Membership.objects.create(
        user=same, coproduction=w.coproduction, partner=w.civil, access="member"
    )
    Membership.objects.create(
        user=other, coproduction=w.coproduction, partner=w.office, access="member"
    )
    outsider = _user("fremd@woanders.example")
    services.coproduction_create(
        actor=outsider,
        name="Woanders",
        kind="cooperation",
        field="housing",
        level="municipal",
        start_date=date(2026, 1, 1),
        partner={
            "name": "Andere",
            "side": "civil_society",
            "org_form": "loose",
            "decision_style": "plenum",
        },
    )
    w.users = {
        "anonymous": None,
        "outsider": outsider,
        "other_side": other,
        "same_side": same,
        "coordinator": coordinator,
    }
    w.invitation = services.invitation_create(
        actor=coordinator,
        coproduction=w.coproduction,
        partner=w.civil,
        email="neu@initiative.example",
        access="member",
    )
    c = dict(actor=coordinator, coproduction=w.coproduction)
    w.side_goal = goals.goal_create(
        **c, kind="side", owner_side="civil_society", level="abstract", title="Geheimer Entwurf"
    )
    shared = goals.goal_create(
        **c,
        kind="side",
        owner_side="civil_society",
        level="abstract",
        title="Geteiltes Ziel",
        visibility="coproduction",
    )
    w.joint_goal = goals.goal_create(
        **c, kind="joint", owner_side="", level="abstract", title="Gemeinsam", answers=[shared]
    )
    w.demand = goals.demand_create(
        **c, owner_side="civil_society", kind="non_negotiable", text="Rote Linie"
    )
    w.contribution = goals.contribution_create(
        **c, partner=w.civil, kind="knowledge", description="Kontakte", visibility="side"
    )
    w.obstacle = goals.obstacle_create(
        **c, owner_side="civil_society", description="Intern", visibility="side"
    )
    w.side_milestone = goals.milestone_create(
        **c,
        owner_side="civil_society",
        title="Klausur",
        kind="process",
        due_date=date(2026, 6, 1),
        status="reached",
        visibility="side",
    )
    w.public_milestone = goals.milestone_create(
        **c,
        owner_side="",
        title="Öffentlicher Start",
        kind="process",
        due_date=date(2026, 1, 15),
        visibility="public",
    )
    w.joint_milestone = goals.milestone_create(
        **c, owner_side="", title="Start", kind="process", due_date=date(2026, 2, 1)
    )
