"""The life stage of a co-production (cards 34–36) and the archive it becomes when it ends.

Anlaufen → Laufend → Verstetigung → Abschluss → Beendet; any step may go back. An ended
co-production is read-only everywhere: ``Viewer.can_edit`` and ``is_coordinator`` are false
there (every write view refuses), and ``refuse_changes_when_ended`` — run by
``history.services.record_change``, which every service calls — refuses any write a service
is asked for, so nothing changes even where a view forgot to ask. Members still read and
export. A coordinator of either side ends it (after a confirmation naming what that means)
and a coordinator of either side may reopen it, giving a reason; both are recorded.
"""

from django.db import transaction

from history.models import ChangeRecord
from history.services import diff, record_change, snapshot
from workspaces.concurrency import save_versioned
from workspaces.models import Coproduction
from workspaces.services import WorkspaceError, refuse_if_ended

STAGE_FIELDS = ["stage", "ending", "ending_reasons"]
REASON = "Begründung"  # recorded with the change, shown in the history


def refuse_changes_when_ended(*, coproduction_id: int, item, changes: dict) -> None:
    """Registered in ``history.services.CHANGE_CHECKS``: every recorded change of an ended
    co-production is refused — except the change of its stage itself (ending, reopening)."""
    if isinstance(item, Coproduction) and "stage" in changes:
        return
    refuse_if_ended(coproduction_id)


def check_stage_change(
    stored: Coproduction, stage: str, ending: str, ending_reasons: str, reason: str
) -> None:
    """Raise what stands against moving ``stored`` to ``stage`` (asked before the confirmation
    of an ending, too)."""
    Stage = Coproduction.Stage
    if stage == stored.stage:
        raise WorkspaceError("Die Ko-Produktion ist schon in dieser Phase.", field="stage")
    if stored.stage == Stage.ENDED and not reason.strip():
        raise WorkspaceError(
            "Sagt, warum ihr die beendete Ko-Produktion wieder öffnet – das steht dann im Verlauf.",
            field="reason",
        )
    if stage == Stage.ENDED:
        if not ending:
            raise WorkspaceError("Wie endet die Ko-Produktion?", field="ending")
        if ending == Coproduction.Ending.EARLY and not ending_reasons.strip():
            raise WorkspaceError(
                "Nennt die Gründe für das vorzeitige Ende (Karte 35).", field="ending_reasons"
            )


@transaction.atomic
def coproduction_stage_change(
    *,
    actor,
    coproduction: Coproduction,
    expected_version: int,
    stage: str,
    ending: str = "",
    ending_reasons: str = "",
    reason: str = "",
) -> Coproduction:
    """Move the co-production to ``stage``. Ending names how it ended (and, if early, why);
    reopening an ended one needs a reason. Coordinators only (the views ask)."""
    stored = Coproduction.objects.select_for_update().get(pk=coproduction.pk)
    check_stage_change(stored, stage, ending, ending_reasons, reason)
    if stage not in (Coproduction.Stage.CLOSING, Coproduction.Stage.ENDED):
        ending, ending_reasons = "", ""  # reopened or going on: it has not ended
    before = snapshot(stored, STAGE_FIELDS)
    values = {"stage": stage, "ending": ending, "ending_reasons": ending_reasons}
    for name, value in values.items():
        setattr(coproduction, name, value)
    save_versioned(coproduction, expected_version=expected_version, fields=STAGE_FIELDS)
    changes = diff(before, snapshot(coproduction, STAGE_FIELDS))
    if reason.strip():
        changes[REASON] = [None, reason.strip()]
    record_change(
        actor=actor, item=coproduction, action=ChangeRecord.Action.UPDATED, changes=changes
    )
    return coproduction
