"""A Check report is kept until a rule's answer changes by the clock alone — a vote closes, a
meeting begins, two weeks pass without minutes — and at the latest until midnight. Each rule
that reads the time of day says when its answer changes next (``Context.passed`` and
``not_passed``); these tests walk a co-production through a day of such moments and fail when
a rule's moment goes missing, when a report outlives one, or when a rule reads the clock past
the two helpers."""

import ast
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.utils import timezone

from accounts.services import account_delete, account_update
from conflicts.models import Conflict
from decisions.models import Decision
from history import kept
from kompass import check, registry
from meetings.models import AgendaItem, Meeting, ProposedDate, SchedulePoll
from structures.models import Mandate
from tests.factories import add_member
from tests.kompass.world import NUMBERS, World, update
from workspaces.models import Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

HOUR = timedelta(hours=1)


def next_monday_seven() -> datetime:
    """07:00 local time on a Monday to come: the walk's hours stay within office hours and
    within one day. In UTC, so that going back 90 days across a change to summer time is
    90 times 24 hours, as in the database."""
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    seven = timezone.make_aware(datetime.combine(monday, datetime.min.time())) + 7 * HOUR
    return seven.astimezone(UTC)


def a_day_of_moments(w: World, base: datetime) -> list[tuple[datetime, str, bool]]:
    """One item per clock-reading rule, each changing its rule's answer at its own hour;
    (moment, rule, whether the rule's finding is there after the moment)."""
    update(w.me, employment=Membership.Employment.VOLUNTEER)
    online = w.meeting(format=Meeting.Format.ONLINE, starts_at=base - HOUR)  # ends at +1 h
    disputed = Conflict.objects.create(coproduction=w.coproduction, title="Streit um Flächen")
    AgendaItem.objects.create(meeting=online, title="Flächen", conflict=disputed)
    w.meeting(starts_at=base + 2 * HOUR)  # Monday 9:00, a volunteer is a member
    w.meeting(starts_at=base + 3 * HOUR - timedelta(days=14, hours=2))  # minutes still a draft
    poll = SchedulePoll.objects.create(coproduction=w.coproduction, title="Termin")
    last = base + 4 * HOUR
    ProposedDate.objects.create(poll=poll, starts_at=last, ends_at=last + HOUR, slot="evening")
    lingering = Conflict.objects.create(coproduction=w.coproduction, title="Streit")
    update(lingering, created_at=base + 5 * HOUR - timedelta(weeks=4))
    Decision.objects.create(
        number=next(NUMBERS),
        coproduction=w.coproduction,
        question="Wer räumt auf?",
        procedure="majority",
        status=Decision.Status.VOTING,
        closes_at=base + 6 * HOUR,
    )
    draft = Decision.objects.create(
        number=next(NUMBERS), coproduction=w.coproduction, question="Q?", procedure="consent"
    )
    update(draft, created_at=base + 7 * HOUR - timedelta(days=30))
    leaving = add_member(w.coproduction, side=Side.ADMINISTRATION)
    Mandate.objects.create(
        coproduction=w.coproduction,
        body=w.body(),
        partner=w.office,
        holder=leaving,
        started_on=(base - timedelta(days=200)).date(),
    )
    update(leaving, left_at=base + 8 * HOUR - timedelta(days=90))
    return [
        (base + 1 * HOUR, "meetings.controversial-online", False),
        (base + 2 * HOUR, "meetings.volunteer-times", False),
        (base + 3 * HOUR, "meetings.minutes", True),
        (base + 4 * HOUR, "meetings.poll-dates", True),
        (base + 5 * HOUR, "conflicts.lingering", True),
        (base + 6 * HOUR, "decisions.vote-ended", True),
        (base + 7 * HOUR, "decisions.stale-drafts", True),
        (base + 8 * HOUR, "handover.missing", False),
    ]


def open_at(w: World, moment: datetime) -> tuple[set[str], float]:
    """The open findings' rules at ``moment`` and the moment the report declared it changes."""
    viewer = viewer_for(w.user, w.coproduction)
    report, until = kept.lasting(lambda: check.run(viewer, w.coproduction, now=moment))
    return {f.rule.id for f in report.open}, until


def test_a_report_says_when_each_rule_changes_by_the_clock(db):
    w = World()
    base = next_monday_seven()
    moments = a_day_of_moments(w, base)
    tick = timedelta(microseconds=1)
    now = base
    for moment, rule_id, after in moments:
        found, until = open_at(w, now)
        assert until == moment.timestamp(), rule_id
        assert (rule_id in found) is not after, rule_id
        assert open_at(w, moment)[0] == found, rule_id  # nothing changes before
        now = moment + tick
        assert (rule_id in open_at(w, now)[0]) is after, rule_id
    # Next: the first meeting's minutes are two weeks overdue.
    assert open_at(w, now)[1] == (base + HOUR + timedelta(days=14)).timestamp()


def test_a_report_is_kept_until_its_rules_change_and_midnight_at_the_latest(
    db, client, monkeypatch
):
    w = World()
    base = next_monday_seven()
    moments = a_day_of_moments(w, base)
    clock = {"now": base}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    monkeypatch.setattr(kept.time, "time", lambda: clock["now"].timestamp())
    runs = []
    real = check.run
    monkeypatch.setattr(check, "run", lambda *a, **k: runs.append(1) or real(*a, **k))
    client.force_login(w.user)

    def rules_open() -> set[str]:
        kept.forget_all(shared=False)  # another app server: reads what is shared
        response = client.get(f"/werkstatt/{w.coproduction.slug}/kompass.json", secure=True)
        return {f["rule"] for f in response.json()["findings"]}

    assert "meetings.controversial-online" in rules_open()
    clock["now"] = base + HOUR - timedelta(seconds=1)
    assert "meetings.controversial-online" in rules_open()
    assert len(runs) == 1  # kept for almost an hour, not five minutes
    clock["now"] = base + HOUR + timedelta(seconds=1)
    assert "meetings.controversial-online" not in rules_open()
    assert len(runs) == 2
    for moment, _, _ in moments:  # past every moment of the day
        clock["now"] = moment + timedelta(seconds=1)
        rules_open()
    assert len(runs) == 1 + len(moments)
    evening = timezone.localtime(base).replace(hour=23, minute=59)
    clock["now"] = evening
    rules_open()
    assert len(runs) == 1 + len(moments)  # nothing changes in the evening
    clock["now"] = evening + 2 * timedelta(minutes=1)  # a new day: today moved
    rules_open()
    assert len(runs) == 2 + len(moments)


def test_what_declares_nothing_is_kept_minutes_at_most(db):
    w = World()
    calls = []

    def compute():
        calls.append(1)
        return "figures"

    for _ in range(2):
        kept.kept(w.coproduction, ("test",), compute, ballots=False)
    assert len(calls) == 1
    entry = next(until for until, value in kept._entries.values() if value == "figures")
    assert entry <= kept.time.time() + kept.KEEP_SECONDS
    assert kept.lasting(lambda: None)[1] == math.inf


def test_rules_read_the_time_of_day_only_through_the_two_helpers():
    """``ctx.now`` or the clock read in a rule would escape the report's horizon (``today``
    moves at midnight, when nothing kept lasts any longer)."""
    modules = {rule.check.__module__ for rule in registry.all_rules()}
    for module in sorted(modules):
        path = Path(settings.BASE_DIR, *module.split(".")).with_suffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"now", "localtime", "time"}:
                raise AssertionError(f"{path.name}:{node.lineno} reads the clock")


def test_a_report_kept_for_the_day_follows_a_members_new_name_and_deleted_account(db, client):
    """An account is no item of the co-production, yet reports name its person: a new name or
    a deleted account is seen at once, by every app server (none forgets here)."""
    w = World()
    leaving = add_member(w.coproduction, side=Side.ADMINISTRATION)
    account_update(user=leaving.user, display_name="Kim Alt")
    Mandate.objects.create(
        coproduction=w.coproduction,
        body=w.body(),
        partner=w.office,
        holder=leaving,
        started_on=timezone.localdate() - timedelta(days=200),
    )
    update(leaving, left_at=timezone.now() - timedelta(days=3))
    client.force_login(w.user)
    url = f"/werkstatt/{w.coproduction.slug}/kompass.json"
    assert "Kim Alt" in client.get(url, secure=True).content.decode()
    account_update(user=leaving.user, display_name="Kim Neu")
    page = client.get(url, secure=True).content.decode()
    assert "Kim Neu" in page and "Kim Alt" not in page
    with mock.patch.object(kept, "forget_all"):  # as seen from another app server
        account_delete(user=leaving.user)
    assert "Kim Neu" not in client.get(url, secure=True).content.decode()
