"""Demo data of the foundation: the demo users, the food strategy's co-production, its partners
and members. The top app ``demo`` adds every feature app's part on top (``demo/build.py``)."""

from contextlib import contextmanager
from datetime import date
from unittest import mock

from accounts.models import User
from workspaces import services
from workspaces.models import Membership

USERS = {
    "verwaltung@demo.example": "Vera Amtmann",
    "initiative@demo.example": "Ini Basis",
    "moderation@demo.example": "Mo Derat",
}
SLUG = "ernaehrungsstrategie-musterstadt"


def _user(email: str, name: str, password: str) -> User:
    user = User.objects.filter(email=email).first() or User(email=email)
    user.display_name = name
    user.set_password(password)
    user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def create_base(password: str):
    """The co-production with its three partners; returns it and the members by role."""
    users = {email: _user(email, name, password) for email, name in USERS.items()}
    ini, amt, mod = (
        users["initiative@demo.example"],
        users["verwaltung@demo.example"],
        users["moderation@demo.example"],
    )
    coproduction = services.coproduction_create(
        actor=ini,
        name="Ernährungsstrategie Musterstadt",
        description="Der Ernährungsrat und das Umweltamt erarbeiten gemeinsam eine kommunale "
        "Ernährungsstrategie: regional, gesund und bezahlbar für alle.",
        kind="coproduction",
        field="food",
        level="municipal",
        dimensions=["material", "political"],
        start_date=date(2026, 3, 1),
        planned_end=None,
        aims_permanent=True,
        partner={
            "name": "Ernährungsrat Musterstadt",
            "side": "civil_society",
            "org_form": "association",
            "decision_style": "consensus",
        },
    )
    services.coproduction_update(
        actor=ini,
        coproduction=coproduction,
        expected_version=coproduction.version,
        affected_groups="Haushalte mit wenig Geld, Kinder in Kitas und Schulen, ältere Menschen "
        "ohne Nahversorgung in den Randquartieren.",
        affected_exchange="Zweimal im Jahr eine offene Küchenrunde im Stadtteilzentrum Nord; "
        "die Tafel und der Seniorenbeirat sitzen im Plenum.",
    )
    council = coproduction.partners.get()
    services.partner_update(
        actor=ini,
        partner=council,
        expected_version=council.version,
        civil_mode="mixed",
        consultation_days=14,
        networks="Netzwerk der Ernährungsräte, Solidarische Landwirtschaft",
        motivation="Wir wollen, dass gesundes Essen für alle erreichbar ist – nicht nur für die, "
        "die es sich leisten können.",
        experience="some",
        experience_note="Gemeinschaftsgärten mit dem Grünflächenamt, seit 2022.",
    )
    office = services.partner_create(
        actor=ini,
        coproduction=coproduction,
        name="Umweltamt Musterstadt",
        side="administration",
        org_form="department",
        decision_style="hierarchy",
        consultation_days=21,
        responsibilities="Klimaschutz, Stadtgrün, Ernährungsstrategie",
        motivation="Der Stadtrat hat eine Ernährungsstrategie beschlossen; wir brauchen das "
        "Wissen und die Netzwerke der Initiativen.",
        experience="none",
    )
    moderation = services.partner_create(
        actor=ini,
        coproduction=coproduction,
        name="Moderation Brückenschlag",
        side="external",
        org_form="moderation",
        decision_style="other",
    )
    amt_member = join(
        ini,
        amt,
        office,
        Membership.Access.COORDINATION,
        employment="paid",
        availability="werktags 8–16 Uhr",
        roles=["expertise", "funder", "trust"],
    )
    mod_member = join(ini, mod, moderation, employment="paid", roles=["coordination", "mediation"])
    ini_member = Membership.objects.get(user=ini, coproduction=coproduction)
    services.membership_update(
        actor=ini,
        membership=ini_member,
        expected_version=ini_member.version,
        employment="volunteer",
        availability="abends ab 18 Uhr, manchmal samstags",
        roles=["coordination", "interest", "network"],
        role_conflicts="Ich vertrete den Ernährungsrat und arbeite zugleich für einen Biohof.",
    )

    return coproduction, {
        "initiative": ini_member,
        "verwaltung": amt_member,
        "moderation": mod_member,
    }


def add_large_base(*, members: int, name: str = "Wohnraum für alle (große Demo)"):
    """The big co-production for measuring, through the services like the small one: the
    founder brings in the office, whose coordinator joins by invitation; ``members`` people are
    invited by their side's coordinator and accept, alternating between the two sides. ``name``
    tells apart several of them (the benchmark's sizes)."""
    founder = User.objects.get(email="initiative@demo.example")
    coproduction = services.coproduction_create(
        actor=founder,
        name=name,
        kind="coproduction",
        field="housing",
        level="municipal",
        start_date=date(2024, 1, 1),
        partner={
            "name": "Mieter:innen-Initiative",
            "side": "civil_society",
            "org_form": "initiative",
            "decision_style": "plenum",
        },
    )
    civil = coproduction.partners.get()
    office = services.partner_create(
        actor=founder,
        coproduction=coproduction,
        name="Amt für Wohnen",
        side="administration",
        org_form="department",
        decision_style="hierarchy",
    )
    coordinator = User.objects.get(email="verwaltung@demo.example")
    join(founder, coordinator, office, Membership.Access.COORDINATION)
    # Accounts are made as sign-up makes them; joining goes through the invitations.
    people = User.objects.bulk_create(
        [
            User(email=f"person{i}@{coproduction.slug}.demo.example", display_name=f"Person {i}")
            for i in range(members)
        ]
    )
    for i, user in enumerate(people):
        partner, inviter = (civil, founder) if i % 2 else (office, coordinator)
        join(inviter, user, partner, employment="volunteer" if i % 2 else "paid")
    return coproduction


def join(inviter, user, partner, access: str = Membership.Access.MEMBER, **details) -> Membership:
    """Someone joins as people do: invited, they accept, then fill in their member page."""
    invitation = services.invitation_create(
        actor=inviter,
        coproduction=partner.coproduction,
        partner=partner,
        email=user.email,
        access=access,
    )
    membership = services.invitation_accept(user=user, token=invitation.token)
    if not details:
        return membership
    return services.membership_update(
        actor=user, membership=membership, expected_version=membership.version, **details
    )


@contextmanager
def clock(moment):
    """Run the services as if it were ``moment``: what happened weeks ago (a vote that opened,
    was cast and counted) is reached the way it was then, checks and history included, with
    the history dated then. Only for building demo data."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def authors(coproduction) -> dict:
    """Who writes a side's items in the large demo: the side's coordinator, else a member of
    that side, else any coordinator (a test's co-production may have one side only)."""
    members = list(
        coproduction.memberships.filter(left_at__isnull=True)
        .select_related("partner", "user")
        .order_by("pk")
    )
    anyone = next((m for m in members if m.access == Membership.Access.COORDINATION), members[0])
    found = {}
    for side in ("civil_society", "administration", "external"):
        same = [m for m in members if m.side == side]
        found[side] = next(
            (m for m in same if m.access == Membership.Access.COORDINATION),
            same[0] if same else anyone,
        )
    return found
