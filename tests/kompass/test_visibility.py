"""A rule never sees more than the viewer: a finding about a side-only item reaches only that
side, names nothing else, and its set-aside stays with that side too. And the Check runs in a
number of queries that does not grow with the data."""

import json
from datetime import timedelta
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions.models import Decision
from goals.models import Milestone
from history import kept
from history.models import ChangeRecord
from history.services import history_for
from kompass import check, services
from kompass.models import SetAside
from meetings.models import Meeting
from structures.models import Body
from tests.factories import add_member, make_coproduction, make_goal, make_user
from workspaces.models import Membership
from workspaces.selectors import viewer_for
from workspaces.services import WorkspaceError
from workspaces.visibility import Side, Visibility

SECRET = "Amtsinterne Runde Haushaltssperre"

# Decision numbers are unique per co-production; these tests create rows directly.
NUMBERS = count(1)


@pytest.fixture
def world(db):
    civil_user = make_user()
    coproduction = make_coproduction(civil_user, side=Side.CIVIL_SOCIETY)
    official = add_member(
        coproduction, side=Side.ADMINISTRATION, access=Membership.Access.COORDINATION
    )
    Body.objects.create(
        coproduction=coproduction,
        name=SECRET,
        kind=Body.Kind.WORKING_GROUP,
        visibility=Visibility.SIDE,
        owner_side=Side.ADMINISTRATION,
    )
    return coproduction, civil_user, official.user


def texts(report) -> str:
    return " ".join(f.problem.text for f in report.open + report.set_aside)


def test_a_side_only_finding_reaches_only_its_side(world, client):
    coproduction, civil_user, admin_user = world
    admin = check.run(viewer_for(admin_user, coproduction), coproduction)
    civil = check.run(viewer_for(civil_user, coproduction), coproduction)
    assert SECRET in texts(admin)
    assert SECRET not in texts(civil)
    # The other side sees no body at all: for them there is simply none yet.
    assert "structures.body" in {f.rule.id for f in civil.open}
    client.force_login(civil_user)
    for path in ("", "kompass/", "kompass.json"):
        page = client.get(f"/werkstatt/{coproduction.slug}/{path}", secure=True)
        assert SECRET not in page.content.decode()
    data = json.loads(
        client.get(f"/werkstatt/{coproduction.slug}/kompass.json", secure=True).content
    )
    assert "structures.body-procedure" not in {f["rule"] for f in data["findings"]}


def test_setting_aside_a_side_only_finding_stays_with_that_side(world):
    coproduction, civil_user, admin_user = world
    admin_viewer = viewer_for(admin_user, coproduction)
    row = services.finding_set_aside(
        actor=admin_user,
        viewer=admin_viewer,
        coproduction=coproduction,
        rule_id="structures.body-procedure",
        reason="Klären wir nach der Haushaltssperre.",
    )
    assert (row.visibility, row.owner_side) == (Visibility.SIDE, Side.ADMINISTRATION)
    admin = check.run(admin_viewer, coproduction)
    assert [f.rule.id for f in admin.set_aside] == ["structures.body-procedure"]
    civil_viewer = viewer_for(civil_user, coproduction)
    assert not SetAside.objects.visible_to(civil_viewer).exists()
    assert check.run(civil_viewer, coproduction).set_aside == []


def test_a_set_aside_finding_comes_back_when_its_state_changes(world):
    coproduction, civil_user, admin_user = world
    viewer = viewer_for(civil_user, coproduction)
    services.finding_set_aside(
        actor=civil_user,
        viewer=viewer,
        coproduction=coproduction,
        rule_id="goals.own-drafts",
        reason="Wir warten auf die Mitgliederversammlung.",
    )
    report = check.run(viewer, coproduction)
    assert "goals.own-drafts" in {f.rule.id for f in report.set_aside}
    assert "goals.own-drafts" not in {f.rule.id for f in report.open}
    # Another point of the same kind changes its state: a second joint goal without steward.
    make_goal(coproduction, title="Erstes gemeinsames Ziel")
    services.finding_set_aside(
        actor=civil_user,
        viewer=viewer,
        coproduction=coproduction,
        rule_id="goals.steward",
        reason="Klären wir im Plenum.",
    )
    assert "goals.steward" in {f.rule.id for f in check.run(viewer, coproduction).set_aside}
    make_goal(coproduction, title="Zweites gemeinsames Ziel")
    assert "goals.steward" in {f.rule.id for f in check.run(viewer, coproduction).open}


def test_setting_aside_and_reopening_are_recorded_in_the_history(world, client):
    coproduction, civil_user, _ = world
    client.force_login(civil_user)
    base = f"/werkstatt/{coproduction.slug}/kompass/"
    reason = "Wir warten auf die Mitgliederversammlung."
    client.post(f"{base}goals.own-drafts/bewusst-offen/", {"reason": reason}, secure=True)
    row = SetAside.objects.get()
    created = history_for(row).get()
    assert (created.action, created.actor) == (ChangeRecord.Action.CREATED, civil_user)
    assert created.changes["reason"] == [None, reason]
    assert reason in client.get(base, secure=True).content.decode()
    data = json.loads(client.get(base[:-1] + ".json", secure=True).content)
    assert [(f["rule"], f["reason"]) for f in data["set_aside"]] == [("goals.own-drafts", reason)]
    assert "goals.own-drafts" not in {f["rule"] for f in data["findings"]}

    client.post(f"{base}bewusst-offen/{row.pk}/aufheben/", secure=True)
    assert not SetAside.objects.exists()
    assert history_for(row).filter(action=ChangeRecord.Action.DELETED).exists()
    viewer = viewer_for(civil_user, coproduction)
    assert "goals.own-drafts" in {f.rule.id for f in check.run(viewer, coproduction).open}


def test_a_finding_cannot_be_set_aside_without_a_reason_or_once_settled(world):
    coproduction, civil_user, _ = world
    viewer = viewer_for(civil_user, coproduction)
    with pytest.raises(WorkspaceError):
        services.finding_set_aside(
            actor=civil_user,
            viewer=viewer,
            coproduction=coproduction,
            rule_id="goals.own-drafts",
            reason="  ",
        )
    make_goal(coproduction, side=Side.CIVIL_SOCIETY)
    with pytest.raises(WorkspaceError):
        services.finding_set_aside(
            actor=civil_user,
            viewer=viewer,
            coproduction=coproduction,
            rule_id="goals.own-drafts",
            reason="x",
        )
    assert not SetAside.objects.exists()


def test_only_coordinators_set_findings_aside(world, client):
    coproduction, civil_user, _ = world
    member = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    client.force_login(member.user)
    url = f"/werkstatt/{coproduction.slug}/kompass/goals.own-drafts/bewusst-offen/"
    assert client.post(url, {"reason": "x"}, secure=True).status_code == 403
    client.force_login(civil_user)
    assert client.post(url, {"reason": "Später."}, secure=True).status_code == 302
    assert SetAside.objects.count() == 1
    assert (
        client.post(
            f"/werkstatt/{coproduction.slug}/kompass/gibt-es-nicht/bewusst-offen/",
            {"reason": "x"},
            secure=True,
        ).status_code
        == 404
    )


def grow(coproduction, n: int) -> None:
    """Many unsettled things of every kind the rules look at."""
    now = timezone.now()
    for i in range(n):
        make_goal(coproduction, title=f"Gemeinsames Ziel {i}")
        make_goal(coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.COPRODUCTION)
        Milestone.objects.create(
            coproduction=coproduction,
            title=f"M{i}",
            kind="content",
            due_date=now.date() - timedelta(days=i + 1),
        )
        Body.objects.create(coproduction=coproduction, name=f"AG {i}", kind=Body.Kind.WORKING_GROUP)
        Meeting.objects.create(
            coproduction=coproduction,
            title=f"T{i}",
            starts_at=now - timedelta(days=30 + i),
            ends_at=now - timedelta(days=30 + i) + timedelta(hours=1),
            format=Meeting.Format.ONLINE,
        )
        Decision.objects.create(
            number=next(NUMBERS),
            coproduction=coproduction,
            question=f"Q{i}",
            procedure="majority",
            status=Decision.Status.VOTING,
            opens_at=now - timedelta(days=3),
            closes_at=now - timedelta(days=1),
        )
        add_member(coproduction, side=Side.CIVIL_SOCIETY)


def count_queries(user, coproduction) -> int:
    viewer = viewer_for(user, coproduction)
    with CaptureQueriesContext(connection) as queries:
        check.run(viewer, coproduction)
    return len(queries)


def test_the_check_runs_in_a_number_of_queries_that_does_not_grow(world):
    coproduction, civil_user, _ = world
    grow(coproduction, 2)
    few = count_queries(civil_user, coproduction)
    grow(coproduction, 30)
    assert count_queries(civil_user, coproduction) == few


def test_the_overview_runs_in_a_number_of_queries_that_does_not_grow(world, client):
    coproduction, civil_user, _ = world
    client.force_login(civil_user)
    url = f"/werkstatt/{coproduction.slug}/"
    grow(coproduction, 2)
    client.get(url, secure=True)  # what a process reads once (content types) is read now
    # Grown past the services, so no change is recorded: measure fresh reports, not kept ones.
    kept.forget_all()
    with CaptureQueriesContext(connection) as few:
        client.get(url, secure=True)
    grow(coproduction, 30)
    kept.forget_all()
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, secure=True).status_code == 200
    assert len(many) == len(few)
