"""The large demo is written through the services (issue 11 §3): every page of its decisions,
goals and milestones answers, and its states are those the services produce — a decision
taken in a meeting names the meeting and is decided, a counted vote has its ballots, every
item has its history and its search entry."""

import sys

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from decisions.models import Decision
from demo.build import add_large, create_demo
from goals.models import Goal, Milestone
from history.models import ChangeRecord
from search.models import Entry

SIZES = {
    "members": 8,
    "goal_count": 24,
    "milestone_count": 12,
    "decision_count": 48,
    "actor_count": 5,
    "resource_count": 5,
    "rounds": 2,
    "consequence_count": 3,
    "handover_count": 3,
    "impact_count": 10,
    "term_count": 3,
}


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """A small large demo, built once for the module inside a transaction that is rolled
    back at its end (as the permission matrix does)."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            create_demo("demo-passwort-123")
            coproduction = add_large(**SIZES)
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield coproduction
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def large(built, db):
    return built


def test_every_decision_goal_and_milestone_page_answers(client, large):
    seen = set()
    for email in ("initiative@demo.example", "verwaltung@demo.example"):
        client.force_login(User.objects.get(email=email))
        for model, name in [
            (Decision, "decisions:decision"),
            (Goal, "goals:goal"),
            (Milestone, "goals:milestone"),
        ]:
            for item in model.objects.filter(coproduction=large):
                if item.visibility == "side" and item.owner_side != (
                    "civil_society" if email.startswith("initiative") else "administration"
                ):
                    continue
                url = reverse(name, args=[large.slug, item.pk])
                assert client.get(url, secure=True).status_code == 200, (url, item)
                seen.add((model, item.pk))
    everything = sum(
        m.objects.filter(coproduction=large).count() for m in (Decision, Goal, Milestone)
    )
    assert len(seen) == everything


def test_the_decisions_are_in_the_states_the_services_reach(large):
    decisions = Decision.objects.filter(coproduction=large)
    states = set(decisions.values_list("procedure", "status"))
    for procedure in ["consensus", "consent", "majority", "two_thirds", "systemic"]:
        for status in ["draft", "voting", "decided", "rejected"]:
            assert (procedure, status) in states
    assert {("meeting", "draft"), ("meeting", "decided"), ("meeting", "rejected")} <= states
    now = timezone.now()
    for decision in decisions:
        if decision.procedure == "meeting" and decision.status != "draft":
            # Taken in a past meeting, entered from its minutes: the meeting, its counts.
            assert decision.meeting is not None and decision.meeting.starts_at < now
            assert decision.tally["procedure"] == "meeting" and decision.tally["voters"] > 0
            assert decision.decided_at is not None and not decision.votes.exists()
        elif decision.status == "voting":
            assert decision.opens_at <= now < decision.closes_at
            assert decision.votes.exists()
        elif decision.status in ("decided", "rejected"):
            # A vote held weeks ago and counted after it ended, on the day it ended.
            assert decision.votes.exists() and decision.tally
            assert decision.opens_at < decision.closes_at <= decision.decided_at < now
        else:
            assert decision.status == "draft" and decision.opens_at is None
        assert decision.goals.exists()


def test_every_item_has_its_history_and_search_entry(large):
    for model in (Decision, Goal, Milestone):
        kind = ContentType.objects.get_for_model(model)
        pks = set(model.objects.filter(coproduction=large).values_list("pk", flat=True))
        created = ChangeRecord.objects.filter(content_type=kind, action="created")
        assert set(created.filter(object_id__in=pks).values_list("object_id", flat=True)) == pks
        entries = Entry.objects.filter(content_type=kind, object_id__in=pks)
        assert set(entries.values_list("object_id", flat=True)) == pks
    # A vote held weeks ago is dated then in the history.
    counted = Decision.objects.filter(coproduction=large, status="decided").exclude(
        procedure="meeting"
    )
    decision = counted.first()
    opened = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Decision),
        object_id=decision.pk,
        changes__has_key="status",
    ).order_by("created_at")
    assert opened.first().created_at == decision.opens_at
