"""What handovers store about a person: the handovers in which they leave or give up a
mandate, or take over, with their own sign-off (for the data page, ``accounts.sections``).
The other person of a handover is theirs to ask about, not named here."""

from django.db.models import Q

from accounts.sections import Section
from handover.models import Handover


def handovers(user, memberships):
    rows = (
        Handover.objects.filter(
            Q(leaving_id__in=memberships.ids) | Q(successor_id__in=memberships.ids)
        )
        .select_related("mandate__body")
        .order_by("-created_at", "-pk")
    )
    for handover in rows:
        shown = memberships.sees(handover)
        leaving = handover.leaving_id in memberships.ids
        mandate = handover.mandate
        about = (
            memberships.name(mandate.body, f"Mandat in {mandate.body.name}")
            if mandate
            else "Übergabe ohne Mandat"
        )
        yield (
            memberships.coproduction(handover.coproduction_id),
            about if shown else memberships.name(handover),
            "ihr gebt ab" if leaving else "ihr übernehmt",
            handover.overlap_from if shown else None,
            handover.overlap_to if shown else None,
            handover.leaving_signed_at if leaving else handover.successor_signed_at,
            ("abgeschlossen" if handover.signed else "offen") if shown else None,
            handover.created_at,
        )


SECTIONS = [
    Section(
        key="handover.handovers",
        title="Eure Übergaben",
        columns=(
            "Ko-Produktion",
            "Übergabe",
            "Eure Rolle",
            "Gemeinsame Zeit von",
            "Gemeinsame Zeit bis",
            "Von euch abgezeichnet am",
            "Stand",
            "Angelegt am",
        ),
        rows=handovers,
    ),
]
