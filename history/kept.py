"""What pages keep between requests until the co-production changes: the overview, the
Kompass-Check and the overlap page's figures.

A co-production's data changes only through the services, and every service records its change
in the same transaction (``history.services.record_change``): the latest recorded change stamps
the data. What is kept under a stamp is read again once a change is recorded — or when the clock
alone changes it (a vote that closed, two weeks without minutes, a new day). What reads the
clock says when its answer changes next (``changes_at``, ``clocked=True``) and is kept until
then, at the latest until the next midnight; what does not say is kept a few minutes at most.
Each process keeps its own; with several app servers the stamp still comes from the
one database, so none shows what is older than the data it was asked about.

Only what depends on recorded changes alone may be kept: answers to a reflection round
(anonymous: nothing records who answered when) and invitations record no change of their own,
so they are always read fresh. A vote and a scheduling poll's answers are recorded as ballots
(``ChangeRecord.ballot``): what never reads them — the Kompass-Check, the overview's
figures — is kept across ballots (``ballots=False``), so a co-production voting every few
seconds does not run the Check again after each vote; ``tests/kompass/test_kept_reports.py``
fails if either starts to read them.

What costs most to compute is also **shared** between processes (``shared=``): written to the
database cache ``CACHES["kept"]`` (one table for all app servers) under the same stamp and
parts, as plain data, and read from there by any process that has not kept it yet. The worker
fills it after each change (``kompass.tasks``), so the first visit after a change reads what it
computed instead of computing it in the request."""

import hashlib
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from history.models import ChangeRecord

# How long what reads the clock without saying when it changes is kept.
KEEP_SECONDS = 300
KEEP_ENTRIES = 2048
_entries: OrderedDict = OrderedDict()
_lock = threading.Lock()
# The earliest moment (epoch seconds) declared while something is computed (``lasting``).
_earliest: ContextVar = ContextVar("kept_earliest", default=None)


# How many of the latest recorded changes make up the stamp (see ``stamp``).
STAMP_WINDOW = 50


def stamp(coproduction, *, ballots: bool) -> tuple:
    """The state of the co-production's data, read once per request (kept on the instance);
    without ``ballots``, the state of everything but the votes.

    The ids of its latest recorded changes, not only the latest one: on PostgreSQL an id is
    drawn from a sequence when the entry is written, not when its transaction commits, so a
    change numbered 11 can become visible after one numbered 12 — the latest id would not
    move, the window of the latest ids does. A change committed that late has an id close to
    the top (only the changes written meanwhile are above it), so a bounded window sees it and
    the read stays the same however long the history grows. Entries are never deleted (only
    with their co-production)."""
    stamps = coproduction.__dict__.setdefault("_kept_stamps", {})
    if ballots not in stamps:
        changes = ChangeRecord.objects.filter(coproduction_id=coproduction.pk)
        if not ballots:
            changes = changes.filter(ballot=False)
        latest = changes.order_by("-id").values_list("id", flat=True)[:STAMP_WINDOW]
        names = coproduction.names_version  # a member's account changed its name or went
        stamps[ballots] = (coproduction.pk, coproduction.created_at, names, ballots, tuple(latest))
    return stamps[ballots]


class Shared(NamedTuple):
    """How a kept value is written to the shared cache and read back: ``dump(value)`` gives
    plain data (str, numbers, lists, dicts), ``load(data)`` the value again — or ``None`` when
    the data no longer fits (then it is computed afresh)."""

    dump: Callable
    load: Callable


def kept(
    coproduction,
    parts: tuple,
    compute: Callable,
    *,
    ballots: bool,
    clocked: bool = False,
    shared=None,
):
    """``compute()`` as of the co-production's current stamp; ``parts`` name what is kept and
    for whom — everything the result depends on besides the data (a side, an access, a member);
    ``ballots`` says whether it reads votes; ``clocked`` that ``compute`` reads the clock only
    through the date and ``changes_at``; ``shared`` (a ``Shared``) also keeps it for every
    process. Callers never change what they get: it is shared."""
    key = (stamp(coproduction, ballots=ballots), parts)
    now = time.time()
    with _lock:
        entry = _entries.get(key)
        if entry is not None and entry[0] > now:
            _entries.move_to_end(key)
            changes_at(entry[0])
            return entry[1]
    found = _from_shared(key, shared, now)
    if found is not None:
        value, until = found
    else:
        value, declared = lasting(compute)
        until = min(declared, next_midnight(now) if clocked else now + KEEP_SECONDS)
        if shared is not None:
            seconds = math.ceil(until - now)
            caches["kept"].set(shared_key(key), (until, shared.dump(value)), seconds)
    with _lock:
        _entries[key] = (until, value)
        _entries.move_to_end(key)
        while len(_entries) > KEEP_ENTRIES:
            _entries.popitem(last=False)
    changes_at(until)
    return value


def lasting(compute: Callable) -> tuple:
    """``compute()`` and the earliest moment (epoch seconds) it declared with ``changes_at`` —
    infinity when it declared none. What encloses it learns the moment too."""
    token = _earliest.set([math.inf])
    try:
        value = compute()
        until = _earliest.get()[0]
    finally:
        _earliest.reset(token)
    changes_at(until)
    return value, until


def changes_at(moment: datetime | float) -> None:
    """What is being computed changes by the clock alone at ``moment`` (a vote closes, a
    meeting begins): it is kept no longer. Kept values read while computing another pass
    their time on to it; outside ``kept`` this does nothing."""
    earliest = _earliest.get()
    if earliest is not None:
        seconds = moment.timestamp() if isinstance(moment, datetime) else moment
        earliest[0] = min(earliest[0], seconds)


def next_midnight(now: float) -> float:
    """The next local midnight after ``now`` (epoch seconds): when ``today`` moves."""
    local = timezone.localtime(datetime.fromtimestamp(now, tz=UTC))
    tomorrow = local.date() + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=local.tzinfo).timestamp()


def shared_key(key: tuple) -> str:
    """The cache key of a kept value: a digest of its stamp and parts (a stamp names up to 50
    ids; the cache's keys are short)."""
    return "kept:" + hashlib.sha256(repr(key).encode()).hexdigest()


def _from_shared(key: tuple, shared, now: float):
    """``(value, kept until)`` from the shared cache, or ``None``. The time it is kept until
    travels with it, so no process keeps it longer."""
    if shared is None:
        return None
    found = caches["kept"].get(shared_key(key))
    if found is None or found[0] <= now:
        return None
    value = shared.load(found[1])
    return None if value is None else (value, found[0])


def forget_all(*, shared: bool = True) -> None:
    """Drop everything kept by this process and, with ``shared``, by all (``make bench``
    measures first visits with it; tests that grow data past the services, recording no change,
    need it)."""
    with _lock:
        _entries.clear()
    if shared:
        caches["kept"].clear()


def drop_expired() -> int:
    """Delete what the shared cache holds past its time (the cache itself deletes only when it
    is full): a report's texts name members, and nothing is kept longer than it is used. The
    worker calls it on each refresh; how many rows went."""
    table = connection.ops.quote_name(settings.CACHES["kept"]["LOCATION"])
    now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608
        return cursor.rowcount
