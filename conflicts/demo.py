"""Demo data of the conflict register (cards 43, 49), in several states, written through the
services so that it has history. Called by workspaces.demo.create_demo."""

from conflicts import services


def add_demo(coproduction, members: dict) -> None:
    ini, amt = members["initiative"], members["verwaltung"]
    c = {"coproduction": coproduction}
    services.conflict_create(
        **c,
        actor=ini.user,
        owner_side="",
        title="Wer darf in den städtischen Kantinen liefern?",
        administration_position="Das Vergaberecht verlangt eine europaweite Ausschreibung; "
        "regionale Herkunft darf kein Kriterium sein.",
        civil_society_position="Ohne kleine Höfe aus der Region verfehlt die Strategie ihr Ziel; "
        "wir kennen Städte, die es anders lösen.",
        external_obstacles="EU-Vergaberecht, Haushaltsordnung",
    )
    moderated = services.conflict_create(
        **c,
        actor=amt.user,
        owner_side="",
        title="Tagungszeiten des Plenums",
        administration_position="Termine nach 17 Uhr sind für uns Überstunden.",
        civil_society_position="Ehrenamtliche können erst abends.",
        steps="Terminumfrage gemacht, Ergebnis im Plenum besprochen.",
    )
    services.conflict_update(
        actor=ini.user,
        conflict=moderated,
        expected_version=moderated.version,
        status="moderation",
        external_support="Moderation Brückenschlag moderiert die nächste Sitzung.",
    )
    services.conflict_create(
        **c,
        actor=ini.user,
        owner_side="",
        title="Name der Strategie",
        status="resolved",
        steps="Zwei Vorschläge gesammelt, im Plenum abgestimmt.",
        resolution="„Gutes Essen Musterstadt“ – beide Seiten tragen den Namen mit.",
    )
    services.conflict_create(
        **c,
        actor=amt.user,
        owner_side="",
        title="Förderung eines eigenen Lastenrads",
        status="parked",
        steps="Zurückgestellt bis zum nächsten Haushaltsjahr.",
    )
    services.conflict_create(
        **c,
        actor=ini.user,
        owner_side="civil_society",
        visibility="side",
        title="Wir fühlen uns bei den Kantinen übergangen",
        civil_society_position="Intern: Wenn das Amt weiter allein plant, ziehen wir uns aus "
        "der AG Gemeinschaftsverpflegung zurück.",
    )
    services.conflict_create(
        **c,
        actor=amt.user,
        owner_side="administration",
        visibility="side",
        title="Kämmerei blockiert die Mittel für Aktionstage",
        administration_position="Intern: Die Kämmerei will die Mittel erst nach der Wahl "
        "freigeben; das sagen wir noch nicht im Plenum.",
    )
