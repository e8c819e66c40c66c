"""Simultaneous votes lose nothing (runs on SQLite and, in CI, on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from decisions import voting
from decisions.models import Vote
from tests.factories import add_member, make_user
from workspaces.visibility import Side

from .conftest import draft, open_vote

VOTERS = 6


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_votes_of_different_members_all_count(coproduction, coordinator):
    decision = open_vote(draft(coproduction, coordinator, procedure="majority"), coordinator)
    members = [
        add_member(coproduction, make_user(), side=Side.CIVIL_SOCIETY) for _ in range(VOTERS)
    ]

    def ballot(member):
        return lambda: voting.vote_cast(
            actor=member.user, decision=decision, membership=member, choice="yes"
        )

    run_together([ballot(m) for m in members])
    assert Vote.objects.filter(decision=decision).count() == VOTERS
    assert voting.current_tally(decision)["counts"][0]["count"] == VOTERS


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_by_one_member_leaves_one_vote(coproduction, coordinator):
    decision = open_vote(draft(coproduction, coordinator), coordinator)
    member = add_member(coproduction, make_user(), side=Side.CIVIL_SOCIETY)

    def submit():
        voting.vote_cast(actor=member.user, decision=decision, membership=member, choice="agree")

    run_together([submit, submit, submit])
    assert Vote.objects.filter(decision=decision, membership=member).count() == 1
