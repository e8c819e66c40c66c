"""The lifecycle rules' cases for tests/kompass/test_rules.py: (make the state, settle it)."""

from datetime import date

from lifecycle.models import Closing, ImpactPlan, PermanencePath
from tests.kompass.world import update


def _chosen_path_without_staff(w):
    update(w.coproduction, stage="permanence")
    return PermanencePath.objects.create(
        coproduction=w.coproduction, path="regular", status="chosen", money="Haushalt"
    )


CASES = {
    "lifecycle.permanence-path": (
        lambda w: update(w.coproduction, stage="permanence"),
        lambda w, s: PermanencePath.objects.create(
            coproduction=w.coproduction, path="regular", status="chosen", money="x", staff="y"
        ),
    ),
    "lifecycle.permanence-means": (
        _chosen_path_without_staff,
        lambda w, s: update(s, staff="Eine Stelle im Amt"),
    ),
    "lifecycle.closing-reflection": (
        lambda w: update(w.coproduction, stage="closing"),
        lambda w, s: Closing.objects.create(
            coproduction=w.coproduction, reflection="Gut", lessons="Früher anfangen"
        ),
    ),
    "lifecycle.impact-plan": (
        lambda w: update(w.coproduction, stage="running", start_date=date(2020, 1, 1)),
        lambda w, s: ImpactPlan.objects.create(
            coproduction=w.coproduction, way="duplicate", title="Nachbarbezirk"
        ),
    ),
    "lifecycle.planned-end-passed": (
        lambda w: update(w.coproduction, planned_end=date(2021, 1, 1)),
        lambda w, s: update(w.coproduction, stage="closing"),
    ),
}
