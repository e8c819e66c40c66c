"""Demo data of the register of further actors (cards 47, 23, 28, 49), written through the
services so that it has history; a few points stay open for the Kompass-Check to find.
``add_large`` writes hundreds of actors the same way, for measuring the list and the map."""

from actors import services
from actors.models import Actor
from structures.models import Body
from workspaces.demo import authors
from workspaces.models import Partner


def add_demo(coproduction, members: dict) -> None:
    ini, amt = members["initiative"], members["verwaltung"]
    council = Partner.objects.get(coproduction=coproduction, side="civil_society")
    office = Partner.objects.get(coproduction=coproduction, side="administration")
    plenary = Body.objects.get(coproduction=coproduction, name="Plenum Ernährungsstrategie")
    group = Body.objects.get(coproduction=coproduction, name="AG Gemeinschaftsverpflegung")
    c = {"coproduction": coproduction}
    services.actor_create(
        **c,
        actor=ini.user,
        owner_side="civil_society",
        visibility="coproduction",
        name="Tafel Musterstadt mit ihrem Nutzer:innenrat",
        kind="affected_org",
        role="Bringt die Sicht der Menschen ein, die sich gesundes Essen kaum leisten können.",
        why_join="Die Tafel will weg von der reinen Ausgabe hin zu Kochkursen und Mitsprache.",
        tasks="Befragt ihre Nutzer:innen zu den Kantinenplänen; lädt zu einem Küchentisch ein.",
        approached_by=ini,
        channel="Monatliches Treffen im Tafelladen, dazwischen Telefon",
        channel_owner=ini,
        seat="occasional",
        body=group,
        may_decide="Beraten mit, wenn es um Preise und Zugang geht; stimmen nicht mit ab.",
        dependencies="Ehrenamtlich getragen, Vorstand entscheidet über Kooperationen.",
        closeness="near",
        influence="middle",
        contact_person="Sabine Korn",
        contact_email="sabine.korn@tafel-musterstadt.example",
        contact_phone="0151 2345678",
        relations={
            council.pk: ("Arbeiten seit Jahren zusammen", "near"),
            office.pk: ("Kennen sich kaum", "far"),
        },
    )
    services.actor_create(
        **c,
        actor=amt.user,
        owner_side="administration",
        visibility="public",
        name="Ausschuss für Umwelt und Klima",
        kind="politics",
        role="Beschließt über Haushaltsmittel und den Auftrag an die Verwaltung.",
        why_join="Die Strategie ist ein Ratsauftrag; der Ausschuss will Ergebnisse vorzeigen.",
        approached_by=amt,
        channel="Vorlage über die Amtsleitung, Bericht zweimal im Jahr",
        channel_owner=amt,
        dependencies="Mehrheiten können sich nach der Kommunalwahl 2026 ändern.",
        closeness="far",
        influence="high",
        contact_person="Geschäftsstelle des Ausschusses",
        contact_email="ausschuss-umwelt@musterstadt.example",
        contact_public=True,
        relations={office.pk: ("Auftraggeber der Verwaltung", "near")},
    )
    services.actor_create(
        **c,
        actor=ini.user,
        owner_side="civil_society",
        visibility="coproduction",
        name="Landesstiftung Ernährungswende",
        kind="funder",
        role="Könnte die Aktionstage und eine halbe Stelle fördern.",
        why_join="Sucht Modellkommunen für ihr neues Förderprogramm.",
        closeness="middle",
        influence="high",
        contact_person="Dr. Jonas Feld",
        contact_phone="0711 987650",
    )
    services.actor_create(
        **c,
        actor=amt.user,
        owner_side="administration",
        visibility="public",
        name="Netzwerk Ernährungsräte (Erfahrungsaustausch)",
        kind="support",
        role="Expert:innen für Ko-Produktion: berichten, wie andere Städte Strukturen aufsetzen.",
        approached_by=amt,
        channel="Online-Austausch auf Einladung",
        channel_owner=ini,
        closeness="middle",
        influence="low",
        contact_person="Lena Vogt",
        contact_email="lena.vogt@ernaehrungsraete.example",
        relations={council.pk: ("Mitglied im Netzwerk", "near")},
    )
    services.actor_create(
        **c,
        actor=ini.user,
        owner_side="civil_society",
        visibility="coproduction",
        name="Hochschule Musterstadt, Begleitforschung",
        kind="research",
        role="Begleitet die Strategie wissenschaftlich und wertet die Aktionstage aus.",
        approached_by=ini,
        channel="Quartalsgespräch",
        channel_owner=amt,
        seat="occasional",
        body=plenary,
        closeness="middle",
        influence="low",
        contact_person="Prof. Aylin Demir",
        contact_email="aylin.demir@hs-musterstadt.example",
    )
    services.actor_create(
        **c,
        actor=ini.user,
        owner_side="civil_society",
        name="Kirchengemeinde St. Martin",
        kind="network",
        why_join="Intern: Pfarrer Weber könnte uns bei der Stadträtin Mahler Türen öffnen.",
        closeness="near",
        influence="middle",
        contact_person="Pfarrer Weber",
    )
    services.actor_create(
        **c,
        actor=amt.user,
        owner_side="administration",
        name="Kämmerei",
        kind="administration",
        dependencies="Intern: Die Kämmerei gibt Mittel für Aktionstage erst nach der Wahl frei.",
        approached_by=amt,
        channel="Dienstweg über die Amtsleitung",
        channel_owner=amt,
        closeness="far",
        influence="high",
    )


KINDS = list(Actor.Kind.values)
RINGS = ["near", "middle", "far"]
INFLUENCE = list(Actor.Influence.values)


def add_large(coproduction, *, actor_count: int) -> None:
    """Actors for measuring the list and the map, through the services: a fifth side-only,
    each related to one or two partners."""
    sides = ["civil_society", "administration"]
    coordinators = {side: m.user for side, m in authors(coproduction).items()}
    partners = list(Partner.objects.filter(coproduction=coproduction).order_by("pk")[:3])
    for i in range(actor_count):
        side = sides[i % 2]
        services.actor_create(
            actor=coordinators[side],
            coproduction=coproduction,
            owner_side=side,
            visibility="side" if i % 5 == 1 else "coproduction",
            name=f"Akteur {i}: Nachbarschaftsinitiative {i % 23}",
            kind=KINDS[i % len(KINDS)],
            role="Vernetzt Mieter:innen im Quartier" if i % 3 else "",
            channel="Telefon" if i % 2 else "",
            closeness=RINGS[i % 3],
            influence=INFLUENCE[(i // 3) % 3],
            contact_person=f"Person {i}" if i % 4 == 0 else "",
            relations={
                partner.pk: ("", RINGS[(i + n) % 3])
                for n, partner in enumerate(partners[: 1 + i % 2])
            },
        )
