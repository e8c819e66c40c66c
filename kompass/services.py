"""Writes of the Kompass-Check: setting a finding aside on purpose, and taking that back."""

from django.db import transaction

from kompass import check
from kompass.models import SetAside
from workspaces.models import Coproduction
from workspaces.services import WorkspaceError, create_recorded, delete_recorded
from workspaces.visibility import Visibility

REASON_MAX = 2000


@transaction.atomic
def finding_set_aside(*, actor, viewer, coproduction, rule_id: str, reason: str) -> SetAside:
    """Leave a finding open on purpose (coordinators; the view checks). The finding is read
    again here, as the coordinator sees it now, so the stored state is the server's, never the
    form's; it comes back as soon as that state changes."""
    reason = reason.strip()
    if not reason:
        raise WorkspaceError(
            "Schreibt kurz, warum dieser Punkt bewusst offen bleibt.", field="reason"
        )
    if "\x00" in reason:
        raise WorkspaceError("Der Text enthält ein unzulässiges Steuerzeichen.", field="reason")
    if len(reason) > REASON_MAX:
        raise WorkspaceError(f"Höchstens {REASON_MAX} Zeichen.", field="reason")
    # Waits for a simultaneous setting aside (PostgreSQL; SQLite lets one writer in at a time):
    # a second row for the same finding would keep it set aside after "Wieder öffnen".
    Coproduction.objects.select_for_update().filter(pk=coproduction.pk).values("pk").first()
    finding = check.finding_for(viewer, coproduction, rule_id)
    if finding is None:
        raise WorkspaceError("Dieser Punkt ist inzwischen geklärt.")
    aside = SetAside.objects.visible_to(viewer)
    if aside.filter(rule_id=rule_id, fingerprint=finding.problem.fingerprint).exists():
        raise WorkspaceError("Dieser Punkt bleibt schon bewusst offen.")
    side_only = finding.problem.side_only
    row = SetAside(
        coproduction=coproduction,
        rule_id=rule_id,
        fingerprint=finding.problem.fingerprint,
        reason=reason,
        created_by=actor,
        # The same audience as the finding: a side-only finding stays with its side.
        visibility=Visibility.SIDE if side_only else Visibility.COPRODUCTION,
        owner_side=viewer.side if side_only else "",
    )
    # The rule as its title says it; the id means nothing to a reader.
    return create_recorded(actor, row, ["rule_id", "reason"], more={"rule_id": finding.rule.title})


@transaction.atomic
def set_aside_withdraw(*, actor, set_aside: SetAside) -> None:
    """The finding is open again. A set-aside is never edited, so there is no version to
    compare: whoever withdraws it sees its one state."""
    delete_recorded(actor, set_aside, None)
