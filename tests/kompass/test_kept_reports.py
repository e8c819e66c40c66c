"""The pages keep a Check report until the co-production changes: every service records its
change, and the latest recorded change stamps the data. A kept report is shared only by
viewers who see the same — never across sides — and lives until a rule's answer changes by
the clock (``tests/kompass/test_clock_horizon.py``)."""

import json

import pytest
from django.core.cache import cache

from kompass import check
from structures import services as structure_services
from structures.models import Body
from tests.kompass.test_visibility import SECRET, world  # noqa: F401
from tests.tasks import scheduled
from workspaces.visibility import Side, Visibility


@pytest.fixture
def runs(monkeypatch):
    """How often the Check really ran (the real ``run``, counted)."""
    calls = []
    real = check.run

    def counted(viewer, coproduction, **kwargs):
        calls.append(viewer.side)
        return real(viewer, coproduction, **kwargs)

    monkeypatch.setattr(check, "run", counted)
    return calls


def findings(client, coproduction) -> dict:
    response = client.get(f"/werkstatt/{coproduction.slug}/kompass.json", secure=True)
    assert response.status_code == 200
    return json.loads(response.content)


def test_a_report_is_kept_until_a_change_is_recorded(world, client, runs):  # noqa: F811
    coproduction, civil_user, _ = world
    client.force_login(civil_user)
    assert "structures.body" in {f["rule"] for f in findings(client, coproduction)["findings"]}
    client.get(f"/werkstatt/{coproduction.slug}/", secure=True)
    client.get(f"/werkstatt/{coproduction.slug}/kompass/", secure=True)
    assert runs == [Side.CIVIL_SOCIETY]

    structure_services.body_create(
        actor=civil_user,
        coproduction=coproduction,
        owner_side=Side.CIVIL_SOCIETY,
        name="Steuerungsrunde",
        kind=Body.Kind.STEERING,
        visibility=Visibility.COPRODUCTION,
    )
    assert "structures.body" not in {f["rule"] for f in findings(client, coproduction)["findings"]}
    assert len(runs) == 2


def test_a_kept_report_never_crosses_to_the_other_side(world, client, runs):  # noqa: F811
    coproduction, civil_user, admin_user = world
    client.force_login(admin_user)
    assert SECRET in json.dumps(findings(client, coproduction), ensure_ascii=False)
    client.force_login(civil_user)
    assert SECRET not in json.dumps(findings(client, coproduction), ensure_ascii=False)
    assert runs == [Side.ADMINISTRATION, Side.CIVIL_SOCIETY]


def test_an_answered_poll_leaves_what_waits_and_the_report_stays_kept(client, db, runs):
    """A scheduling poll's answers are recorded as ballots, as votes are: an answered poll
    leaves "Was wartet auf euch?" at once, while the Check's report stays kept."""
    from demo.build import create_demo
    from meetings import polls as meeting_polls
    from meetings.models import SchedulePoll
    from tests.factories import PASSWORD
    from workspaces.models import Membership

    coproduction = create_demo(PASSWORD)
    poll = SchedulePoll.objects.get(coproduction=coproduction, closed=False)
    waiting = [
        m
        for m in Membership.objects.filter(coproduction=coproduction, left_at__isnull=True)
        if poll.dates.exclude(answers__membership=m).exists()
    ]
    membership = waiting[0]
    client.force_login(membership.user)
    url = f"/werkstatt/{coproduction.slug}/"
    assert f"/treffen/umfragen/{poll.pk}/" in client.get(url, secure=True).content.decode()
    assert len(runs) == 1
    meeting_polls.availability_set(
        membership=membership, poll=poll, answers={d.pk: "yes" for d in poll.dates.all()}
    )
    assert f"/treffen/umfragen/{poll.pk}/" not in client.get(url, secure=True).content.decode()
    assert len(runs) == 1


def test_a_vote_leaves_the_report_kept_and_the_list_of_votes_fresh(client, db, runs):
    """People vote every few seconds while a vote runs: a ballot changes a tally and who still
    has to vote, which the Check never reads — the report stays, "Was wartet" follows."""
    from decisions import tallies, voting
    from decisions.models import Decision
    from demo.build import create_demo
    from tests.factories import PASSWORD
    from workspaces.models import Membership

    coproduction = create_demo(PASSWORD)
    decision = Decision.objects.filter(
        coproduction=coproduction, status=Decision.Status.VOTING
    ).first()
    member = (
        Membership.objects.filter(coproduction=coproduction, left_at__isnull=True)
        .exclude(votes__decision=decision)
        .filter(access__in=[Membership.Access.COORDINATION, Membership.Access.MEMBER])
        .first()
    )
    client.force_login(member.user)
    url = f"/werkstatt/{coproduction.slug}/"
    ballot = f"id_vote{decision.pk}_choice"
    assert ballot in client.get(url, secure=True).content.decode()
    choice = next(iter(tallies.CHOICES[decision.procedure]))
    cache.clear()  # the demo's changes have queued their refresh: a vote would queue the next
    queued = len(scheduled("kompass.tasks.refresh_reports"))
    voting.vote_cast(actor=member.user, decision=decision, membership=member, choice=choice)
    assert ballot not in client.get(url, secure=True).content.decode()
    assert len(runs) == 1
    assert len(scheduled("kompass.tasks.refresh_reports")) == queued  # nor for the worker


def test_the_check_and_the_figures_never_read_votes_or_poll_answers(db):
    """What is kept across ballots (``ballots=False``) must not depend on them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from decisions.models import Vote
    from demo.build import create_demo
    from kompass.overview import figures
    from meetings.models import Availability
    from tests.factories import PASSWORD
    from workspaces.models import Membership
    from workspaces.selectors import viewer_for

    coproduction = create_demo(PASSWORD)
    assert Vote.objects.filter(decision__coproduction=coproduction).exists()
    assert Availability.objects.filter(date__poll__coproduction=coproduction).exists()
    for membership in Membership.objects.filter(coproduction=coproduction):
        viewer = viewer_for(membership.user, coproduction)
        with CaptureQueriesContext(connection) as queries:
            check.run(viewer, coproduction)
            figures(viewer, coproduction)
        read = " ".join(q["sql"] for q in queries.captured_queries)
        assert Vote._meta.db_table not in read
        assert Availability._meta.db_table not in read
