"""Who may open which page: every URL pattern of the project × five kinds of visitor.

Roles (DESIGN.md): anonymous, a member of another co-production ("outsider"), a member of the
other side, a member of the same side (as the items' owners), and a coordinator of the same
side. Objects of a co-production one does not belong to answer 404, never 403.
A meta-test fails when a URL pattern is missing here.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from goals import services as goals
from workspaces import services
from workspaces.models import Membership

ROLES = ["anonymous", "outsider", "other_side", "same_side", "coordinator"]
LOGIN = "login"  # a redirect to the login page


def expect(anonymous, outsider, other_side, same_side, coordinator):
    return dict(zip(ROLES, [anonymous, outsider, other_side, same_side, coordinator], strict=True))


PUBLIC = expect(200, 200, 200, 200, 200)
SIGNED_IN = expect(LOGIN, 200, 200, 200, 200)
MEMBERS = expect(LOGIN, 404, 200, 200, 200)
COORDINATION = expect(LOGIN, 404, 403, 403, 200)
OWN_SIDE = expect(LOGIN, 404, 404, 200, 200)
POST_MEMBERS = expect(LOGIN, 404, 302, 302, 302)
POST_OWN_SIDE = expect(LOGIN, 404, 404, 302, 302)
POST_COORDINATION = expect(LOGIN, 404, 403, 403, 302)


@dataclass
class Case:
    expected: dict
    args: object = None  # callable(world) -> list of URL args
    method: str = "get"


def slug(world):
    return [world.coproduction.slug]


def item(name):
    return lambda world: [world.coproduction.slug, getattr(world, name).pk]


MATRIX = {
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
    "public": Case(PUBLIC, lambda w: [w.coproduction.slug]),
    "workspaces:home": Case(SIGNED_IN),
    "workspaces:create": Case(SIGNED_IN),
    "workspaces:invitation": Case(SIGNED_IN, lambda w: [w.invitation.token]),
    "workspaces:dashboard": Case(MEMBERS, slug),
    "workspaces:settings": Case(COORDINATION, slug),
    "workspaces:partners": Case(MEMBERS, slug),
    "workspaces:partner_create": Case(COORDINATION, slug),
    "workspaces:partner": Case(MEMBERS, item("civil")),
    "workspaces:members": Case(MEMBERS, slug),
    "workspaces:invite": Case(COORDINATION, slug),
    "workspaces:member": Case(MEMBERS, item("same_side_membership")),
    "workspaces:leave": Case(
        expect(LOGIN, 404, 403, 302, 302), item("same_side_membership"), "post"
    ),
    "workspaces:invitation_revoke": Case(POST_COORDINATION, item("invitation"), "post"),
    "goals:list": Case(MEMBERS, slug),
    "goals:goal_create": Case(MEMBERS, slug),
    "goals:joint_create": Case(MEMBERS, slug),
    "goals:share": Case(POST_MEMBERS, slug, "post"),
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
    "goals:milestone_publish": Case(POST_OWN_SIDE, item("side_milestone"), "post"),
}
# Shared items: every member sees them, whatever their side.
SHARED_ITEMS = {
    "goals:goal": Case(MEMBERS, item("joint_goal")),
    "goals:milestone": Case(MEMBERS, item("joint_milestone")),
}
# Patterns answered by allauth (tested in tests/accounts) and our wrappers around two of its
# token links (tests/accounts/test_views.py).
EXEMPT_MODULES = ("allauth.",)
TOKEN_LINK = "allauth token link, tests/accounts"
EXEMPT_PATTERNS = {
    "^confirm-email/(?P<key>[-:\\w]+)/$": TOKEN_LINK,
    "^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": TOKEN_LINK,
}


def _user(email):
    return User.objects.create_user(email, "ein-langes-passwort", display_name=email)


@pytest.fixture
def world(db):
    class World:
        pass

    w = World()
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
        partner=w.office,
        email="neu@stadt.example",
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
    return w


def _cases():
    for name, case in MATRIX.items():
        for role in ROLES:
            yield pytest.param(name, case, role, id=f"{name}-{role}")
    for name, case in SHARED_ITEMS.items():
        for role in ROLES:
            yield pytest.param(name, case, role, id=f"{name}-shared-{role}")


@pytest.mark.parametrize(("name", "case", "role"), list(_cases()))
def test_every_view_answers_each_role_as_intended(client, world, name, case, role):
    url = reverse(name, args=case.args(world) if case.args else None)
    if world.users[role]:
        client.force_login(world.users[role])
    response = getattr(client, case.method)(url, secure=True)
    expected = case.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302 and "/konto/login/" in response["Location"], (
            name,
            role,
            response.status_code,
        )
    else:
        assert response.status_code == expected, (name, role, response.status_code)


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern):
            yield prefix, entry


def test_every_url_pattern_is_in_the_matrix():
    missing = []
    for prefix, pattern in _patterns(get_resolver()):
        module = getattr(pattern.callback, "__module__", "")
        if module.startswith(EXEMPT_MODULES):
            continue
        if pattern.name is None:
            if str(pattern.pattern) not in EXEMPT_PATTERNS:
                missing.append(str(pattern.pattern))
        elif f"{prefix}{pattern.name}" not in MATRIX:
            missing.append(f"{prefix}{pattern.name}")
    assert not missing, f"add these views to the permission matrix: {missing}"
