"""Demo data of the Zusammenarbeit, bodies and mandates (cards 40, 41), written through the
services so that it has history. Called by workspaces.demo.create_demo."""

from datetime import date

from accounts.models import User
from structures import services
from workspaces.demo import join
from workspaces.models import Membership

PHASES = {
    "problem_definition": (
        True,
        "Daten zur Versorgung in den Stadtteilen, Beschluss des Stadtrats",
        "Erfahrungen aus Tafeln, Kitas und Nachbarschaftsküchen",
    ),
    "co_planning": (
        True,
        "Koordination der Fachämter, Haushaltsplanung",
        "Kontakte zu Erzeuger:innen, Beteiligung der Stadtteile",
    ),
    "co_design": (True, "Rechtliche Prüfung, Vergaberecht", "Ideen aus den Workshops, Rezepte"),
    "co_implementation": (
        False,
        "Umsetzung in städtischen Kantinen",
        "Bildungsangebote und Aktionstage",
    ),
    "co_evaluation": (True, "Auswertung der Kantinendaten", "Befragung in den Stadtteilen"),
}


def _second_council_member(council_member: Membership) -> Membership:
    """A second volunteer of the food council, so that a mandate can rotate."""
    user = User.objects.filter(email="kim.wechsel@demo.example").first()
    if user is None:
        user = User(email="kim.wechsel@demo.example", display_name="Kim Wechsel")
        user.set_unusable_password()
        user.save()
    return join(
        council_member.user,
        user,
        council_member.partner,
        employment="volunteer",
        availability="abends",
    )


def add_demo(coproduction, members: dict) -> None:
    ini, amt, mod = members["initiative"], members["verwaltung"], members["moderation"]
    services.phase_plans_save(
        actor=ini.user,
        coproduction=coproduction,
        plans={
            phase: {
                "version": 0,
                "joint": joint,
                "administration_part": admin,
                "civil_society_part": civil,
            }
            for phase, (joint, admin, civil) in PHASES.items()
        },
    )
    kim = _second_council_member(ini)
    plenary = services.body_create(
        actor=ini.user,
        coproduction=coproduction,
        owner_side="",
        name="Plenum Ernährungsstrategie",
        kind="plenary",
        purpose="Hier entscheiden Ernährungsrat und Umweltamt gemeinsam über die Strategie.",
        meeting_rhythm="alle sechs Wochen, dienstags 17–19 Uhr",
        decision_procedure="consent",
        quorum=3,
        visibility="public",
        members=[ini, amt, mod, kim],
    )
    working_group = services.body_create(
        actor=amt.user,
        coproduction=coproduction,
        owner_side="",
        name="AG Gemeinschaftsverpflegung",
        kind="working_group",
        purpose="Bereitet die Umstellung der Kita- und Schulküchen vor.",
        meeting_rhythm="monatlich, online",
        members=[ini, amt],
    )
    council_mandate = services.mandate_create(
        actor=ini.user,
        body=plenary,
        partner=ini.partner,
        holder=ini,
        may_decide_alone="Termine, Arbeitsaufträge an die AGs, Öffentlichkeitsarbeit",
        needs_consultation="Alles, was Geld des Vereins bindet oder die Ziele ändert",
        rotates=True,
        started_on=date(2026, 3, 1),
    )
    services.mandate_rotate(
        actor=ini.user,
        mandate=council_mandate,
        expected_version=council_mandate.version,
        holder=kim,
        started_on=date(2026, 9, 1),
    )
    services.mandate_create(
        actor=amt.user,
        body=plenary,
        partner=amt.partner,
        holder=amt,
        may_decide_alone="Einsatz der Arbeitszeit im Amt, fachliche Stellungnahmen",
        needs_consultation="Haushaltsmittel, alles, was einen Beschluss des Stadtrats braucht",
        started_on=date(2026, 3, 1),
    )
    services.mandate_create(
        actor=amt.user,
        body=working_group,
        partner=amt.partner,
        holder=amt,
        may_decide_alone="Speisepläne der städtischen Kantinen im Probebetrieb",
        needs_consultation="Vergaben",
        started_on=date(2026, 4, 1),
    )
    services.body_create(
        actor=ini.user,
        coproduction=coproduction,
        owner_side="civil_society",
        name="Vorbereitungskreis des Ernährungsrats",
        kind="working_group",
        purpose="Wir stimmen unsere Haltung ab, bevor wir ins Plenum gehen.",
        meeting_rhythm="eine Woche vor jedem Plenum",
        decision_procedure="consensus",
        quorum=0,
        visibility="side",
        members=[ini, kim],
    )
    services.body_create(
        actor=amt.user,
        coproduction=coproduction,
        owner_side="administration",
        name="Amtsinterne Abstimmungsrunde Ernährung",
        kind="steering",
        purpose="Umweltamt, Schulamt und Kämmerei klären intern den Haushaltsrahmen.",
        meeting_rhythm="quartalsweise",
        visibility="side",
        members=[amt],
    )
