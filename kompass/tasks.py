"""Background work of the Kompass-Check: after each change, the worker computes the reports and
the overview's part for every side and access that has members, into the shared cache
(``history.kept``), so that the first visit after a change does not wait for them.

Queued from the change's own transaction (``history.signals.change_recorded``) — a change that
rolls back queues nothing — and once per co-production while one is waiting: a marker in the
shared cache, written in the same transaction, holds further changes back until the worker
takes the task up. Votes change neither (``ballots=False``) and queue nothing. Nothing depends
on the worker for being right: what it has not computed yet, a page computes as before.

What it computed lasts until a rule's answer changes by the clock (a vote closes, a meeting
begins; midnight at the latest, ``history.kept``). For that moment it queues itself again,
so that the clock's changes are computed before anyone visits too — as long as the
co-production changed in the last four weeks (one that rests is computed when visited)."""

import math
import time
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from django_tasks import task

from history import kept
from history.models import ChangeRecord
from kompass import check, overview
from workspaces.models import Coproduction, Membership
from workspaces.visibility import Viewer

# While this marker stands, a refresh is waiting. It lapses by itself, should the worker lose
# the task, so a later change queues one again.
WAITING = "kompass-refresh:{}"
WAITING_SECONDS = 60
# Mails first: a refresh only saves a visitor time.
PRIORITY = -10
# A refresh queued for the moment what it computed runs out: one per co-production and moment.
FOLLOWING = "kompass-follow:{}:{}"
# How long after its last change a co-production's reports follow the clock.
FOLLOW_CHANGES = timedelta(weeks=4)


def after_change(sender, record, **kwargs) -> None:
    """``change_recorded``'s receiver (connected in ``KompassConfig.ready``)."""
    if not record.ballot and cache.add(WAITING.format(record.coproduction_id), 1, WAITING_SECONDS):
        refresh_reports.using(priority=PRIORITY).enqueue(record.coproduction_id)


def viewers(coproduction) -> list[Viewer]:
    """One active member for each side and access: the reports differ by these alone. Only
    members with an account look (in an ended co-production a deleted account's membership
    stays, without its person)."""
    active = Membership.objects.filter(
        coproduction=coproduction, left_at__isnull=True, user__isnull=False
    )
    first = active.values("partner__side", "access").annotate(first=Min("pk")).values("first")
    chosen = Membership.objects.filter(pk__in=first).select_related("partner", "user")
    return [
        Viewer(user=m.user, coproduction_id=coproduction.pk, membership=m, ended=coproduction.ended)
        for m in chosen.order_by("pk")
    ]


@task()
def refresh_reports(coproduction_id: int) -> int:
    """Compute what the pages keep for the co-production as it is now; how many views of it."""
    cache.delete(WAITING.format(coproduction_id))
    kept.drop_expired()
    coproduction = Coproduction.objects.filter(pk=coproduction_id).first()
    if coproduction is None:
        return 0
    seen = viewers(coproduction)

    def compute():
        for viewer in seen:
            check.report_for(viewer, coproduction)
            overview.report_html(viewer, coproduction)

    until = kept.lasting(compute)[1]
    if seen and math.isfinite(until):
        follow(coproduction, until)
    return len(seen)


def follow(coproduction, until: float) -> None:
    """Queue the refresh for ``until`` (epoch seconds), when what was computed runs out — once,
    however many refreshes computed the same moment, and not for a co-production at rest."""
    latest = ChangeRecord.objects.filter(coproduction_id=coproduction.pk, ballot=False)
    latest = latest.order_by("-id").values_list("created_at", flat=True).first()
    if latest is None or latest < timezone.now() - FOLLOW_CHANGES:
        return
    seconds = math.ceil(until - time.time()) + WAITING_SECONDS
    if cache.add(FOLLOWING.format(coproduction.pk, math.ceil(until)), 1, max(seconds, 1)):
        at = datetime.fromtimestamp(math.ceil(until), tz=UTC)
        refresh_reports.using(priority=PRIORITY, run_after=at).enqueue(coproduction.pk)
