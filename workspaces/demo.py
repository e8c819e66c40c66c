"""Demo data: a municipal food strategy, made by a food council and an environment office.

Everything is written through the services, as a user would, so the demo has history and
obeys the same rules. ``add_large`` adds a second, big co-production for measuring.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from conflicts import demo as conflicts_demo
from decisions import demo as decisions_demo
from decisions.models import Decision
from goals import services as goals
from goals.models import Goal, Milestone
from meetings import demo as meetings_demo
from structures import demo as structures_demo
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


@transaction.atomic
def create_demo(password: str):
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
    )
    moderation = services.partner_create(
        actor=ini,
        coproduction=coproduction,
        name="Moderation Brückenschlag",
        side="external",
        org_form="moderation",
        decision_style="other",
    )
    amt_member = Membership.objects.create(
        user=amt,
        coproduction=coproduction,
        partner=office,
        access=Membership.Access.COORDINATION,
        employment="paid",
        availability="werktags 8–16 Uhr",
        roles=["expertise", "funder"],
    )
    mod_member = Membership.objects.create(
        user=mod,
        coproduction=coproduction,
        partner=moderation,
        access=Membership.Access.MEMBER,
        employment="paid",
        roles=["coordination"],
    )
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

    civil = "civil_society"
    admin = "administration"
    shared_civil = goals.goal_create(
        actor=ini,
        coproduction=coproduction,
        kind="side",
        owner_side=civil,
        level="abstract",
        title="Gesundes, regionales Essen für alle – unabhängig vom Einkommen",
        dimensions=["material"],
    )
    goals.goal_create(
        actor=ini,
        coproduction=coproduction,
        kind="side",
        owner_side=civil,
        level="concrete",
        title="Interner Entwurf: Ernährungsrat bekommt eine bezahlte Koordinationsstelle",
        description="Nur für uns: erst intern abstimmen, bevor wir es einbringen.",
        due_date=date(2027, 6, 30),
    )
    shared_admin = goals.goal_create(
        actor=amt,
        coproduction=coproduction,
        kind="side",
        owner_side=admin,
        level="concrete",
        title="Ernährungsstrategie bis Ende 2027 vom Stadtrat beschließen lassen",
        due_date=date(2027, 12, 31),
        dimensions=["political"],
    )
    goals.goal_create(
        actor=amt,
        coproduction=coproduction,
        kind="side",
        owner_side=admin,
        level="concrete",
        title="Vertraulich: Haushaltsmittel für 2027 sind noch nicht gesichert",
        description="Amtsintern – Kämmerei prüft noch.",
        due_date=date(2027, 3, 31),
    )
    goals.goals_share(actor=ini, coproduction=coproduction, side=civil, goal=shared_civil)
    goals.goals_share(actor=amt, coproduction=coproduction, side=admin, goal=shared_admin)
    shared_civil.refresh_from_db()
    shared_admin.refresh_from_db()
    joint = goals.goal_create(
        actor=mod,
        coproduction=coproduction,
        kind="joint",
        owner_side="",
        level="concrete",
        title="Gemeinsame Ernährungsstrategie mit Maßnahmenplan bis Herbst 2027",
        due_date=date(2027, 10, 1),
        visibility="public",
        dimensions=["material", "political"],
        answers=[shared_civil, shared_admin],
        steward=mod_member,
    )
    goals.demand_create(
        actor=ini,
        coproduction=coproduction,
        owner_side=civil,
        kind="non_negotiable",
        text="Die Strategie muss Menschen mit wenig Geld ausdrücklich einbeziehen.",
    )
    goals.demand_create(
        actor=amt,
        coproduction=coproduction,
        owner_side=admin,
        kind="compromise",
        text="Beim Zeitplan können wir bis zu einem halben Jahr nachgeben.",
    )
    goals.contribution_create(
        actor=ini,
        coproduction=coproduction,
        partner=council,
        kind="knowledge",
        description="Kontakte zu 40 Höfen, Tafeln und Gemeinschaftsgärten",
    )
    goals.contribution_create(
        actor=amt,
        coproduction=coproduction,
        partner=office,
        kind="resources",
        description="Räume im Rathaus, eine halbe Stelle Projektkoordination",
    )
    goals.obstacle_create(
        actor=mod,
        coproduction=coproduction,
        owner_side="",
        goal=joint,
        description="Ehrenamtliche können nicht zu Terminen am Vormittag kommen.",
        remedy="Arbeitsgruppen treffen sich abends; Protokolle für alle.",
    )
    today = timezone.localdate()
    reached = goals.milestone_create(
        actor=ini,
        coproduction=coproduction,
        owner_side="",
        title="Kooperationsvereinbarung unterzeichnet",
        kind="process",
        due_date=today - timedelta(days=30),
        status="reached",
        responsible=ini_member,
        visibility="public",
    )
    goals.milestone_celebrate(actor=ini, milestone=reached, expected_version=reached.version)
    goals.milestone_create(
        actor=amt,
        coproduction=coproduction,
        owner_side="",
        title="Bestandsaufnahme Ernährungsangebote",
        kind="content",
        due_date=today + timedelta(days=45),
        status="in_progress",
        responsible=amt_member,
        goal=joint,
    )
    goals.milestone_create(
        actor=ini,
        coproduction=coproduction,
        owner_side=civil,
        title="Interne Klausur des Ernährungsrats",
        kind="process",
        due_date=today + timedelta(days=20),
        visibility="side",
    )
    members = {"initiative": ini_member, "verwaltung": amt_member, "moderation": mod_member}
    # The structures of the collaboration (issue 4), each part from its own app.
    meetings_demo.add_demo(coproduction, members)
    structures_demo.add_demo(coproduction, members)
    decisions_demo.add_demo(coproduction, members)
    conflicts_demo.add_demo(coproduction, members)
    return coproduction


@transaction.atomic
def add_large(
    *,
    members: int = 60,
    goal_count: int = 2000,
    milestone_count: int = 2000,
    decision_count: int = 2000,
):
    """A big co-production for measuring. Rows are bulk-inserted: measuring needs volume, not
    history; the small demo shows the services at work."""
    founder = User.objects.get(email="initiative@demo.example")
    coproduction = services.coproduction_create(
        actor=founder,
        name="Wohnraum für alle (große Demo)",
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
    Membership.objects.create(
        user=User.objects.get(email="verwaltung@demo.example"),
        coproduction=coproduction,
        partner=office,
        access=Membership.Access.COORDINATION,
    )
    people = User.objects.bulk_create(
        [
            User(email=f"person{i}@gross.demo.example", display_name=f"Person {i}")
            for i in range(members)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=u,
                coproduction=coproduction,
                partner=civil if i % 2 else office,
                access="member",
                employment="volunteer" if i % 2 else "paid",
            )
            for i, u in enumerate(people)
        ]
    )
    sides = ["civil_society", "administration"]
    Goal.objects.bulk_create(
        [
            Goal(
                coproduction=coproduction,
                kind="side" if i % 4 else "joint",
                owner_side=sides[i % 2] if i % 4 else "",
                level="concrete" if i % 3 else "abstract",
                title=f"Ziel {i}: bezahlbare Wohnungen im Quartier {i % 17}",
                due_date=date(2027, 1, 1) + timedelta(days=i % 365) if i % 3 else None,
                visibility=("side" if i % 8 in (1, 2) else "coproduction")
                if i % 4
                else "coproduction",
            )
            for i in range(goal_count)
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                coproduction=coproduction,
                title=f"Meilenstein {i}",
                kind="content" if i % 2 else "process",
                due_date=date(2026, 1, 1) + timedelta(days=i % 900),
                status=["planned", "in_progress", "reached"][i % 3],
                visibility="coproduction",
            )
            for i in range(milestone_count)
        ]
    )
    procedures = ["consensus", "consent", "majority", "two_thirds", "systemic", "meeting"]
    Decision.objects.bulk_create(
        [
            Decision(
                coproduction=coproduction,
                question=f"Entscheidung {i}: Belegungsregeln für Haus {i % 40}",
                procedure=procedures[i % len(procedures)],
                status=["draft", "voting", "decided", "rejected"][i % 4],
                visibility="coproduction",
            )
            for i in range(decision_count)
        ]
    )
    return coproduction
