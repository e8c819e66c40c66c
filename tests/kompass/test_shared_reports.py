"""What the pages keep is shared by every app server through the database cache, and the worker
computes it after each change (``kompass.tasks``): the first visit after a change reads the
report instead of running the Check. Shared, it still never crosses sides, never outlives the
data it was computed from, and a change that rolls back or a vote queues nothing."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import get_date_max

from accounts.services import account_delete
from history import kept
from kompass import check, services
from kompass.tasks import WAITING
from structures import services as structure_services
from structures.models import Body
from tests.factories import add_member
from tests.kompass.test_kept_reports import findings, runs  # noqa: F401
from tests.kompass.test_visibility import SECRET, world  # noqa: F401
from tests.tasks import run_due_tasks, scheduled
from workspaces.selectors import viewer_for
from workspaces.visibility import Side, Visibility

REFRESH = "kompass.tasks.refresh_reports"


def queued() -> list:
    """Refreshes queued by changes: due at once (those queued for later follow the clock)."""
    return [task for task in scheduled(REFRESH) if task.run_after == get_date_max()]


def add_body(actor, name="Steuerungsrunde"):
    return structure_services.body_create(
        actor=actor,
        coproduction=actor.memberships.get().coproduction,
        owner_side=Side.CIVIL_SOCIETY,
        name=name,
        kind=Body.Kind.STEERING,
        visibility=Visibility.COPRODUCTION,
    )


def pages(client, coproduction) -> list[str]:
    base = f"/werkstatt/{coproduction.slug}/"
    return [client.get(base + path, secure=True).content.decode() for path in ("", "kompass/")]


def test_the_worker_computes_each_sides_report_once_after_changes(world, client, runs):  # noqa: F811
    coproduction, civil_user, admin_user = world
    run_due_tasks()  # what setting the world up queued
    runs.clear()
    add_body(civil_user)
    add_body(civil_user, "Zweite Runde")
    assert len(queued()) == 1  # two changes, one refresh waiting
    run_due_tasks()
    assert sorted(runs) == sorted([Side.CIVIL_SOCIETY, Side.ADMINISTRATION])
    expected = {}
    for user in (civil_user, admin_user):
        client.force_login(user)
        kept.forget_all(shared=False)  # another app server: nothing kept in its process
        expected[user] = findings(client, coproduction)
        pages(client, coproduction)
    assert len(runs) == 2  # no page ran the Check
    assert SECRET in json.dumps(expected[admin_user], ensure_ascii=False)
    assert SECRET not in json.dumps(expected[civil_user], ensure_ascii=False)
    for user in (civil_user, admin_user):
        client.force_login(user)
        kept.forget_all()  # computed in the request again: the same findings
        assert findings(client, coproduction) == expected[user]
    assert len(runs) == 4


def test_a_shared_report_never_reaches_the_other_side(world, client, runs):  # noqa: F811
    coproduction, civil_user, admin_user = world
    add_body(civil_user)
    run_due_tasks()
    kept.forget_all(shared=False)
    client.force_login(civil_user)
    for page in pages(client, coproduction):
        assert SECRET not in page
    client.force_login(admin_user)
    kompass_page = pages(client, coproduction)[1]
    assert SECRET in kompass_page
    assert runs == [Side.CIVIL_SOCIETY, Side.ADMINISTRATION]  # by the worker only


def test_a_shared_report_shows_its_set_asides_as_the_viewer_sees_them(world, client, runs):  # noqa: F811
    coproduction, civil_user, admin_user = world
    admin = viewer_for(admin_user, coproduction)
    finding = next(f for f in check.run(admin, coproduction).open if SECRET in f.problem.text)
    services.finding_set_aside(
        actor=admin_user,
        viewer=admin,
        coproduction=coproduction,
        rule_id=finding.rule.id,
        reason="Wird erst im Frühjahr besetzt.",
    )
    run_due_tasks()
    done = len(runs)
    kept.forget_all(shared=False)
    client.force_login(admin_user)
    assert "Wird erst im Frühjahr besetzt." in pages(client, coproduction)[1]
    client.force_login(civil_user)
    assert "Wird erst im Frühjahr besetzt." not in pages(client, coproduction)[1]
    assert len(runs) == done


def test_a_shared_report_whose_rule_is_gone_is_computed_again(world, client, runs, monkeypatch):  # noqa: F811
    coproduction, civil_user, _ = world
    add_body(civil_user)
    run_due_tasks()
    kept.forget_all(shared=False)
    from kompass import registry

    real = registry.get
    monkeypatch.setattr(
        registry,
        "get",
        lambda rule_id: None if rule_id == "structures.body-procedure" else real(rule_id),
    )
    client.force_login(civil_user)
    findings(client, coproduction)
    assert runs.count(Side.CIVIL_SOCIETY) == 2


def test_a_change_that_rolls_back_queues_nothing(world):  # noqa: F811
    coproduction, civil_user, _ = world
    run_due_tasks()
    with pytest.raises(RuntimeError), transaction.atomic():
        add_body(civil_user)
        assert len(queued()) == 1
        raise RuntimeError
    assert queued() == []
    add_body(civil_user)  # the marker went with the transaction
    assert len(queued()) == 1


def test_a_lost_refresh_is_queued_again_once_its_marker_lapses(world, monkeypatch):  # noqa: F811
    from django.core.cache import cache

    coproduction, civil_user, _ = world
    run_due_tasks()
    add_body(civil_user)
    queued()[0].delete()  # the worker lost it
    add_body(civil_user, "Zweite Runde")
    assert queued() == []
    cache.delete(WAITING.format(coproduction.pk))  # as if its time had run out
    add_body(civil_user, "Dritte Runde")
    assert len(queued()) == 1


def kept_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM gemeinwerk_kept")
        return cursor.fetchone()[0]


def test_the_worker_deletes_what_is_past_its_time(world):  # noqa: F811
    coproduction, civil_user, _ = world
    add_body(civil_user)
    run_due_tasks()
    computed = kept_rows()
    assert computed == 4  # the report and the overview's part for each side
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE gemeinwerk_kept SET expires = %s", [datetime(2000, 1, 1, tzinfo=UTC)]
        )
    add_body(civil_user, "Zweite Runde")
    run_due_tasks()
    assert kept_rows() == computed  # the new ones only


def test_a_deleted_account_leaves_nothing_kept_that_could_name_it(world, client):  # noqa: F811
    coproduction, civil_user, _ = world
    leaving = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    run_due_tasks()
    assert kept_rows() > 0
    account_delete(user=leaving.user)
    assert kept_rows() == 0


def test_the_worker_looks_as_members_with_an_account(world, client):  # noqa: F811
    """In an ended co-production a deleted account's membership stays, without its person: the
    refresh computes only for those who can visit, members with an account."""
    from kompass.tasks import refresh_reports
    from workspaces.models import Coproduction, Membership

    coproduction, civil_user, _ = world
    gone = add_member(coproduction, side=Side.CIVIL_SOCIETY, access=Membership.Access.OBSERVER)
    Membership.objects.filter(pk=gone.pk).update(user=None)
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)
    # Each side's coordination; nobody with an account observes.
    assert refresh_reports.call(coproduction.pk) == 2


def test_the_worker_computes_again_when_the_clock_changes_it(world, client, runs, monkeypatch):  # noqa: F811
    """A vote closes in two hours: what the worker computed lasts until then, and it queues
    itself for that moment, once, however many changes come before."""
    from django.core.cache import cache

    from decisions.models import Decision
    from history.models import ChangeRecord
    from kompass.tasks import refresh_reports
    from tests.kompass.world import NUMBERS

    coproduction, civil_user, _ = world
    closes = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    Decision.objects.create(
        number=next(NUMBERS),
        coproduction=coproduction,
        question="Wer räumt auf?",
        procedure="majority",
        status=Decision.Status.VOTING,
        closes_at=closes,
    )
    add_body(civil_user)
    run_due_tasks()
    add_body(civil_user, "Zweite Runde")
    run_due_tasks()
    later = [task for task in scheduled(REFRESH) if task.run_after != get_date_max()]
    assert [task.run_after for task in later] == [closes]
    done = len(runs)

    after = closes + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: after)
    monkeypatch.setattr(kept.time, "time", lambda: after.timestamp())
    run_due_tasks()
    assert len(runs) == done + 2  # both sides, computed by the worker
    kept.forget_all(shared=False)
    client.force_login(civil_user)
    assert "decisions.vote-ended" in {f["rule"] for f in findings(client, coproduction)["findings"]}
    assert len(runs) == done + 2  # the visit read it
    assert len(scheduled(REFRESH)) == 1  # the next moment: midnight at the latest

    # A co-production at rest (no change in four weeks) is computed when visited.
    ChangeRecord.objects.filter(coproduction=coproduction).update(
        created_at=after - timedelta(weeks=5)
    )
    scheduled(REFRESH)[0].delete()
    cache.clear()  # the moment's marker too
    refresh_reports.call(coproduction.pk)
    assert scheduled(REFRESH) == []
