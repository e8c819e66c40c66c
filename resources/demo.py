"""Demo data of positions and funding (cards 20, 21, 22, 26, 34, 35), written through the
services so that it has history; ``add_large`` writes volume for measuring
the same way. Called by
demo/build.py."""

from datetime import date, timedelta
from decimal import Decimal

from resources import services
from resources.models import Funding
from workspaces.demo import authors


def add_demo(coproduction, members: dict) -> None:
    ini, amt, mod = members["initiative"], members["verwaltung"], members["moderation"]
    council, office = ini.partner, amt.partner
    civil = {"coproduction": coproduction, "actor": ini.user, "owner_side": ini.side}
    admin = {"coproduction": coproduction, "actor": amt.user, "owner_side": amt.side}
    coordination = services.position_create(
        **civil,
        partner=council,
        title="Koordination des Ernährungsrats",
        tasks="Sitzungen vorbereiten, Kontakt zum Umweltamt halten, Ehrenamtliche einbinden.",
        pay="paid",
        contract="fee",
        hours_per_week=Decimal("15"),
        filling="outside",
        start_date=date(2026, 4, 1),
        end_date=date(2027, 3, 31),
        handover="Intern: Übergabe der Kontaktliste an die AG Netzwerk, falls das Honorar "
        "nicht verlängert wird.",
    )
    services.position_create(
        **civil,
        partner=council,
        title="Ehrenamtliche Sprecherrolle im Plenum",
        tasks="Vertritt den Ernährungsrat in der Steuerungsgruppe.",
        pay="volunteer",
        contract="allowance",
        hours_per_week=Decimal("4"),
        holder=ini,
        visibility="coproduction",
    )
    services.funding_create(
        **civil,
        partner=council,
        title="Stiftung Gutes Essen: Anschubförderung",
        source="foundation",
        funder="Stiftung Gutes Essen",
        amount=Decimal("36000"),
        start_date=date(2026, 4, 1),
        end_date=date(2027, 3, 31),
        positions=[coordination],
        conditions="Intern: Die Stiftung verlangt einen Eigenanteil von zehn Prozent.",
        reporting="Zwischenbericht zum 30.09.2026, Verwendungsnachweis bis 30.06.2027",
        dependency="Intern: Ohne die Stiftung endet die Koordination; sie will Ergebnisse "
        "sehen, bevor sie verlängert.",
    )
    sachbearbeitung = services.position_create(
        **admin,
        partner=office,
        title="Sachbearbeitung Ernährungsstrategie",
        tasks="Ansprechperson im Umweltamt, bereitet Vorlagen für den Ausschuss vor.",
        pay="paid",
        contract="employment",
        share_percent=30,
        holder=amt,
        start_date=date(2026, 3, 1),
        end_date=date(2027, 12, 31),
        visibility="coproduction",
    )
    programme = services.funding_create(
        **admin,
        partner=office,
        title="Förderprogramm Kommunale Ernährungsstrategien",
        source="programme",
        funder="Landesministerium für Ernährung",
        amount=Decimal("120000"),
        start_date=date(2026, 3, 1),
        end_date=date(2027, 12, 31),
        covers=["material", "rooms"],
        positions=[sachbearbeitung],
        conditions="Öffentliche Abschlussveranstaltung, Beteiligung der Zivilgesellschaft.",
        reporting="Jahresbericht zum 31.01.",
        dependency="Die Stelle im Amt hängt am Land; die Initiative hängt an der Stelle.",
        visibility="coproduction",
    )
    services.funding_update(
        actor=amt.user,
        funding=programme,
        expected_version=programme.version,
        follow_up="budget",
        follow_up_owner=amt,
        decide_by=date(2027, 6, 30),
        follow_up_note="Der Haushaltsentwurf 2028 soll einen eigenen Titel bekommen.",
    )
    services.funding_create(
        **admin,
        partner=office,
        title="Haushaltsreserve für Aktionstage",
        source="budget",
        amount=Decimal("8000"),
        start_date=date(2026, 3, 1),
        end_date=date(2026, 12, 31),
        covers=["material"],
        conditions="Intern: Die Kämmerei gibt die Reserve erst nach der Wahl frei.",
    )
    services.position_create(
        coproduction=coproduction,
        actor=mod.user,
        owner_side=mod.side,
        partner=mod.partner,
        title="Moderation der Steuerungsgruppe",
        pay="paid",
        contract="fee",
        hours_per_week=Decimal("2"),
        holder=mod,
        visibility="coproduction",
    )


def add_large(coproduction, *, count: int = 300) -> None:
    """``count`` positions and as many fundings for measuring list pages, through the
    services: half of each side-only, each funding paying one position of its side (same
    side and visibility, so every link obeys may_link)."""
    partners = {p.side: p for p in coproduction.partners.all()}
    coordinators = authors(coproduction)
    sides = ["civil_society", "administration"]
    start = date(2024, 1, 1)
    for i in range(count):
        side = sides[i % 2]
        c = {
            "coproduction": coproduction,
            "actor": coordinators[side].user,
            "owner_side": side,
            "partner": partners[side],
            "visibility": "side" if i % 4 < 2 else "coproduction",
            "start_date": start + timedelta(days=i % 400),
            "end_date": start + timedelta(days=400 + i * 3),
        }
        position = services.position_create(
            **c,
            title=f"Stelle {i}: Mieterberatung im Quartier {i % 17}",
            pay="paid" if i % 3 else "volunteer",
            contract="employment" if i % 3 else "none",
            hours_per_week=Decimal(10 + i % 30),
        )
        services.funding_create(
            **c,
            title=f"Förderung {i}: Beratung im Quartier {i % 17}",
            source=Funding.Source.values[i % len(Funding.Source.values)],
            amount=Decimal(10_000 + 500 * i),
            covers=["staff"],
            # Every fifth ends for good: someone sees to it, decided before it runs out.
            **({} if i % 5 else {"follow_up": "end", "follow_up_owner": coordinators[side]}),
            **({} if i % 5 else {"decide_by": c["end_date"] - timedelta(days=90)}),
            positions=[position],
        )
