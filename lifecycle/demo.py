"""Demo data of the life cycle (cards 34, 37, 38): the demo co-production is under way
(Laufend), drafts a way to make it permanent, and plans to reach beyond — one plan joint,
one a campaign the food council keeps to its own side. Written through the services, so it
has history."""

from lifecycle import services
from lifecycle.models import ImpactPlan, PermanencePath
from workspaces.demo import authors
from workspaces.stage import coproduction_stage_change


def add_demo(coproduction, members: dict) -> None:
    ini, amt = members["initiative"].user, members["verwaltung"].user
    coproduction.refresh_from_db()
    coproduction_stage_change(
        actor=amt,
        coproduction=coproduction,
        expected_version=coproduction.version,
        stage="running",
        reason="Plenum und AG Beschaffung arbeiten, die ersten Ziele sind vereinbart.",
    )
    services.path_create(
        actor=ini,
        coproduction=coproduction,
        path="new_form",
        description="Aus der Strategiegruppe wird ein dauerhafter Ernährungsbeirat der Stadt "
        "mit Geschäftsstelle.",
        steps="Satzung entwerfen (Herbst), Beschluss im Umweltausschuss, Stadtrat.",
        money="Geschäftsstelle: eine halbe Stelle im Haushalt des Umweltamts – noch offen.",
        staff="",
    )
    services.impact_create(
        actor=amt,
        coproduction=coproduction,
        owner_side="administration",
        way="duplicate",
        title="Kantinenkriterien für den Landkreis",
        description="Die Kriterien für regionale Kantinenverpflegung dem Landkreis anbieten.",
        level="district",
        actors="Kreisverwaltung (Fachdienst Gesundheit), Netzwerk der Ernährungsräte",
    )
    services.impact_create(
        actor=ini,
        coproduction=coproduction,
        owner_side="civil_society",
        way="politicise",
        title="Kampagne: Vergaberecht für regionale Höfe öffnen",
        description="Das Landesvergabegesetz lässt regionale Herkunft nicht zu – wir tragen "
        "das in die Landespolitik.",
        level="state",
        actors="Landtagsabgeordnete, Bauernverband, andere Ernährungsräte im Land",
        visibility="side",
    )


def add_large(coproduction, *, count: int = 300) -> None:
    """``count`` impact plans (a fifth side-only, of either side) and a tenth as many ways
    of making it permanent, through the services, for measuring the Verlauf page."""
    ways, sides = list(ImpactPlan.Way.values), ["civil_society", "administration"]
    coordinators = {side: m.user for side, m in authors(coproduction).items()}
    for i in range(count):
        side = sides[i // 5 % 2]
        services.impact_create(
            actor=coordinators[side],
            coproduction=coproduction,
            owner_side=side if i % 5 == 0 else "",
            way=ways[i % len(ways)],
            title=f"Vorhaben {i}: das Modell im Quartier {i % 23} erproben",
            actors="Quartiersmanagement, Bezirksverordnete",
            visibility="side" if i % 5 == 0 else "coproduction",
        )
    for i in range(count // 10):
        services.path_create(
            actor=coordinators[sides[i % 2]],
            coproduction=coproduction,
            path=PermanencePath.Path.REGULAR,
            steps=f"{i}",
        )
