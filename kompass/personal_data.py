"""What the Kompass-Check stores about a person: when their last weekly digest went out and
how many open points it named (for the data page, ``accounts.sections``). The points are kept
as rule and fingerprint only, so that the next digest can tell what is new."""

from accounts.sections import Section
from kompass.models import DigestState


def digests(user, memberships):
    rows = DigestState.objects.filter(membership_id__in=memberships.ids).select_related(
        "membership"
    )
    for state in rows.order_by("-sent_at", "-pk"):
        yield (
            memberships.coproduction(state.membership.coproduction_id),
            state.sent_at,
            len(state.findings),
        )


SECTIONS = [
    Section(
        key="kompass.digests",
        title="Eure wöchentliche Zusammenfassung",
        columns=("Ko-Produktion", "Zuletzt verschickt", "Offene Punkte darin"),
        rows=digests,
        note="Gemeinwerk merkt sich, welche offenen Punkte die letzte Zusammenfassung nannte, "
        "damit die nächste sagen kann, was neu ist.",
    ),
]


def forget(memberships, name: str) -> None:
    """No digest goes to a deleted account: what the last one named goes with it."""
    DigestState.objects.filter(membership_id__in=memberships.ids).delete()
