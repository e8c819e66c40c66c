"""Demo goals of the food strategy: side drafts (two shared, two side-only), a joint goal with
its steward, red lines, contributions, an obstacle and milestones — through the services.
``add_large`` writes thousands of them for measuring, through the same services."""

from datetime import date, timedelta

from django.utils import timezone

from goals import services as goals
from workspaces.demo import authors


def add_demo(coproduction, members: dict) -> None:
    ini_member, amt_member = members["initiative"], members["verwaltung"]
    mod_member = members["moderation"]
    ini, amt, mod = ini_member.user, amt_member.user, mod_member.user
    council, office = ini_member.partner, amt_member.partner
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
    goals.goals_share(actor=ini, coproduction=coproduction, side=civil, goal_ids=[shared_civil.pk])
    goals.goals_share(actor=amt, coproduction=coproduction, side=admin, goal_ids=[shared_admin.pk])
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


def add_large(coproduction, *, goal_count: int, milestone_count: int) -> None:
    """Goals and milestones for measuring, through the services: side drafts (a fourth
    side-only, the rest shared), joint goals answering two shared drafts each (so the overlap
    page has something to mark) with a steward for every other one, and milestones planned,
    under way or reached, some for a joint goal."""
    members = list(
        coproduction.memberships.filter(left_at__isnull=True)
        .select_related("user", "partner")
        .order_by("pk")
    )
    by_side = authors(coproduction)
    today = timezone.localdate()
    shared, joint = [], []
    for i in range(goal_count):
        is_joint = i % 4 == 0 and len(shared) >= 2
        due = today + timedelta(days=30 + i % 365) if i % 3 else None
        side = ["civil_society", "administration"][i % 2]
        values = {
            "coproduction": coproduction,
            "level": "concrete" if due else "abstract",
            "title": f"Ziel {i}: bezahlbare Wohnungen im Quartier {i % 17}",
            "due_date": due,
        }
        if is_joint:
            answers = [shared[(2 * len(joint) + k) % len(shared)] for k in range(2)]
            goal = goals.goal_create(
                actor=by_side["civil_society"].user,
                kind="joint",
                owner_side="",
                answers=answers,
                steward=members[i % len(members)] if i % 8 == 0 else None,
                **values,
            )
            joint.append(goal)
            continue
        goal = goals.goal_create(
            actor=by_side[side].user,
            kind="side",
            owner_side=side,
            visibility="side" if i % 8 in (1, 2) else "coproduction",
            **values,
        )
        if goal.visibility != "side":
            shared.append(goal)
    for i in range(milestone_count):
        member = members[i % len(members)]
        status = ["planned", "in_progress", "reached"][i % 3]
        goals.milestone_create(
            actor=member.user,
            coproduction=coproduction,
            owner_side="",
            title=f"Meilenstein {i}",
            kind="content" if i % 2 else "process",
            due_date=today + timedelta(days=i % 900 - 450),
            status=status,
            reached_on=today - timedelta(days=i % 300) if status == "reached" else None,
            responsible=member if i % 2 else None,
            goal=joint[i % len(joint)] if joint and i % 5 == 0 else None,
        )
