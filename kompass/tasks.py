"""Background work of the Kompass-Check: after each change, the worker computes the reports and
the overview's part for every side and access that has members, into the shared cache
(``history.kept``), so that the first visit after a change does not wait for them.

Queued from the change's own transaction (``history.signals.change_recorded``) — a change that
rolls back queues nothing — and once per co-production while one is waiting: a marker in the
shared cache, written in the same transaction, holds further changes back until the worker
takes the task up. Votes change neither (``ballots=False``) and queue nothing. Nothing depends
on the worker for being right: what it has not computed yet, a page computes as before."""

from django.core.cache import cache
from django.db.models import Min
from django_tasks import task

from history import kept
from kompass import check, overview
from workspaces.models import Coproduction, Membership
from workspaces.visibility import Viewer

# While this marker stands, a refresh is waiting. It lapses by itself, should the worker lose
# the task, so a later change queues one again.
WAITING = "kompass-refresh:{}"
WAITING_SECONDS = 60
# Mails first: a refresh only saves a visitor time.
PRIORITY = -10


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
    for viewer in seen:
        check.report_for(viewer, coproduction)
        overview.report_html(viewer, coproduction)
    return len(seen)
