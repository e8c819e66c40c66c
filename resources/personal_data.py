"""What positions and funding store about a person: the positions they hold or take over,
the funding whose follow-up they see to, the reminders of ends sent to them (for the data
page, ``accounts.sections``)."""

from django.db.models import Q

from accounts.sections import Section
from resources.models import EndReminder, Funding, Position


def positions(user, memberships):
    rows = Position.objects.filter(
        Q(holder_id__in=memberships.ids) | Q(successor_id__in=memberships.ids)
    ).order_by("-start_date", "-pk")
    for position in rows:
        shown = memberships.sees(position)
        holds = position.holder_id in memberships.ids
        yield (
            memberships.coproduction(position.coproduction_id),
            memberships.name(position),
            "ihr habt die Stelle" if holds else "ihr übernehmt, wenn sie endet",
            position.get_pay_display() if shown and holds else None,
            position.get_contract_display() if shown and holds else None,
            position.hours_per_week if shown and holds else None,
            position.share_percent if shown and holds else None,
            position.start_date if shown else None,
            position.end_date,
        )


def fundings(user, memberships):
    rows = Funding.objects.filter(follow_up_owner_id__in=memberships.ids).order_by("end_date")
    for funding in rows:
        shown = memberships.sees(funding)
        yield (
            memberships.coproduction(funding.coproduction_id),
            memberships.name(funding),
            funding.get_follow_up_display() if shown else None,
            funding.decide_by if shown else None,
            funding.end_date,
        )


KINDS = {"position": "Stelle", "funding": "Finanzierung"}


def reminders(user, memberships):
    rows = (
        EndReminder.objects.filter(membership_id__in=memberships.ids)
        .select_related("item_type")
        .order_by("-sent_at", "-pk")
    )
    for reminder in rows:
        yield (
            memberships.coproduction(reminder.coproduction_id),
            KINDS.get(reminder.item_type.model, reminder.item_type.model),
            reminder.ends_on,
            reminder.months,
            reminder.sent_at,
        )


SECTIONS = [
    Section(
        key="resources.positions",
        title="Stellen, die ihr habt oder übernehmt",
        columns=(
            "Ko-Produktion",
            "Stelle",
            "Eure Rolle",
            "Bezahlt oder ehrenamtlich",
            "Vertragsform",
            "Stunden pro Woche",
            "Anteil der Arbeitszeit (%)",
            "Beginn",
            "Ende",
        ),
        rows=positions,
    ),
    Section(
        key="resources.fundings",
        title="Finanzierungen, um deren Anschluss ihr euch kümmert",
        columns=("Ko-Produktion", "Finanzierung", "Wie es weitergeht", "Entschieden bis", "Ende"),
        rows=fundings,
    ),
    Section(
        key="resources.end_reminders",
        title="Erinnerungen an ein Ende, die ihr bekommen habt",
        columns=("Ko-Produktion", "Was endet", "Endet am", "Monate vorher", "Gesendet am"),
        rows=reminders,
    ),
]
