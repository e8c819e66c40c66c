"""Closing a round: by the coordination (a service) or by the worker after its last day."""

from django.db import transaction
from django.utils import timezone

from history.models import ChangeRecord
from history.services import record_change
from reflection.models import ReflectionRound, Response
from reflection.results import live_stats
from workspaces.concurrency import StaleEdit, save_versioned
from workspaces.services import WorkspaceError


@transaction.atomic
def round_close(*, actor, round_: ReflectionRound, expected_version: int | None = None) -> bool:
    """Close a round — early by the coordination, or by the worker after its last day. From
    now on its results are shown, and the link between each answer and its member is erased:
    not even the database knows any more who answered what. Returns whether it closed now."""
    current = ReflectionRound.objects.select_for_update().filter(pk=round_.pk).first()
    if current is None or current.closed_at is not None:
        return False
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(current)
    if current.is_planned():
        raise WorkspaceError(
            "Eine Runde, die noch nicht begonnen hat, lässt sich nicht abschließen."
        )
    Response.objects.filter(round=current).update(membership=None)
    current.closed_at = timezone.now()
    current.summary = live_stats([current.pk])[current.pk]
    save_versioned(current, expected_version=current.version, fields=["closed_at", "summary"])
    record_change(
        actor=actor,
        item=current,
        action=ChangeRecord.Action.UPDATED,
        changes={"closed_at": [None, current.closed_at.isoformat()]},
    )
    round_.closed_at, round_.summary = current.closed_at, current.summary
    round_.version = current.version
    return True
