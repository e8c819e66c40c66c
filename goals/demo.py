"""Demo goals of the food strategy: side drafts (two shared, two side-only), a joint goal with
its steward, red lines, contributions, an obstacle and milestones — through the services.
``add_large`` bulk-inserts goals and milestones for measuring."""

from datetime import date, timedelta

from django.utils import timezone

from goals import services as goals
from goals.models import Goal, Milestone


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
    # Each joint goal answers two side goals, so the overlap page has something to mark.
    goals = list(Goal.objects.filter(coproduction=coproduction).values_list("pk", "kind"))
    joint = [pk for pk, kind in goals if kind == "joint"]
    side = [pk for pk, kind in goals if kind == "side"]
    Goal.answers.through.objects.bulk_create(
        [
            Goal.answers.through(from_goal_id=pk, to_goal_id=side[(2 * n + k) % len(side)])
            for n, pk in enumerate(joint)
            for k in range(2)
        ]
        if side
        else []
    )
