"""What reflection stores about a person: their own answers in rounds that still run, and the
agreed consequences they see to (for the data page, ``accounts.sections``).

Answers are anonymous to everyone else; which were the person's is kept only while a round
runs, so that they can change them, and the person alone reads them here. Once a round ends
nobody can tell them apart any more, the person included."""

from django.utils import timezone

from accounts.sections import Section
from reflection.models import Answer, Consequence


def answers(user, memberships):
    rows = (
        Answer.objects.filter(
            response__membership_id__in=memberships.ids,
            response__round__closed_at__isnull=True,
            response__round__closes_on__gte=timezone.localdate(),
        )
        .select_related("response__round")
        .order_by("-response__round__opens_on", "response__round_id", "pk")
    )
    for answer in rows:
        round_ = answer.response.round
        yield (
            memberships.coproduction(round_.coproduction_id),
            memberships.name(round_),
            answer.get_question_display(),
            f"{answer.score} – {answer.get_score_display()}",
            answer.comment or None,
            round_.closes_on,
        )


def consequences(user, memberships):
    rows = Consequence.objects.filter(owner_id__in=memberships.ids).order_by("-created_at", "-pk")
    for consequence in rows:
        shown = memberships.sees(consequence)
        yield (
            memberships.coproduction(consequence.coproduction_id),
            memberships.name(consequence, consequence.text),
            consequence.get_kind_display() if shown else None,
            consequence.due_on if shown else None,
            consequence.done if shown else None,
            consequence.created_at,
        )


SECTIONS = [
    Section(
        key="reflection.answers",
        title="Eure Antworten in laufenden Reflexionsrunden",
        columns=(
            "Ko-Produktion",
            "Runde",
            "Frage",
            "Eure Einschätzung",
            "Kommentar",
            "Die Runde endet am",
        ),
        rows=answers,
        note="Eure Antworten sieht niemand sonst mit eurem Namen. Solange eine Runde läuft, ist "
        "gespeichert, welche Antworten eure sind, damit ihr sie ändern könnt; endet die Runde, "
        "wird diese Verbindung gelöscht. Danach gehören eure Antworten ohne Namen zum Ergebnis "
        "und stehen hier nicht mehr.",
    ),
    Section(
        key="reflection.consequences",
        title="Vereinbarte Konsequenzen, um die ihr euch kümmert",
        columns=(
            "Ko-Produktion",
            "Was vereinbart ist",
            "Art",
            "Bis wann",
            "Erledigt",
            "Angelegt am",
        ),
        rows=consequences,
    ),
]
