"""A vote waiting for a member is cast from the overview („Was wartet auf euch?“, issue 11 §2):
the decision page's ballot, checks and service; refused, the error stands beside that vote
with the input kept; it works as a plain form POST."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions import services, voting
from decisions.models import Vote
from history.services import history_for
from tests.decisions.conftest import move_time
from tests.factories import add_member, make_coproduction, make_user
from workspaces.models import Membership
from workspaces.visibility import Side


@pytest.fixture
def founder(db):
    return make_user("gruenderin@example.org", display_name="Gründerin Ini")


@pytest.fixture
def coproduction(founder):
    return make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Essen für alle")


@pytest.fixture
def member(coproduction):
    return add_member(coproduction, make_user("kim@example.org", display_name="Kim"))


def open_vote(coproduction, founder, question, procedure="majority", **fields):
    decision = services.decision_create(
        actor=founder, coproduction=coproduction, question=question, procedure=procedure, **fields
    )
    return voting.decision_open_voting(
        actor=founder,
        decision=decision,
        closes_at=timezone.now() + timedelta(days=5),
        expected_version=decision.version,
    )


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def overview(coproduction) -> str:
    return reverse("kompass:overview", args=[coproduction.slug])


def vote_url(coproduction, decision) -> str:
    return reverse("kompass:vote", args=[coproduction.slug, decision.pk])


def ballot_of(page: str, decision) -> str:
    """The overview's list item of one vote waiting."""
    start = page.index(f'id="abstimmen-{decision.pk}"')
    following = page.find('id="abstimmen-', start + 1)
    return page[start : following if following > 0 else page.index("</section>", start)]


def test_the_overview_offers_the_ballot_beside_each_vote_waiting(coproduction, founder, member):
    first = open_vote(coproduction, founder, "Kaufen wir regional ein?")
    second = open_vote(coproduction, founder, "Gilt der Kantinenplan?", procedure="consent")

    page = login(member.user).get(overview(coproduction), secure=True).content.decode()

    assert f'action="{vote_url(coproduction, first)}"' in page
    assert f'action="{vote_url(coproduction, second)}"' in page
    # Two ballots on one page: their fields have ids of their own, their names are the page's.
    assert f'id="id_vote{first.pk}_choice_0"' in page
    assert f'id="id_vote{second.pk}_choice_0"' in page
    assert 'name="choice"' in page and "Schwerwiegender Einwand" in page


def test_a_vote_cast_from_the_overview_counts_like_one_from_the_decision_page(
    coproduction, founder, member
):
    decision = open_vote(coproduction, founder, "Kaufen wir regional ein?")
    client = login(member.user)

    response = client.post(
        vote_url(coproduction, decision), {"choice": "yes", "reason": "Kurze Wege"}, secure=True
    )

    assert response.status_code == 302
    assert response["Location"] == overview(coproduction) + "#wartet"
    vote = Vote.objects.get(decision=decision, membership=member)
    assert (vote.choice, vote.reason) == ("yes", "Kurze Wege")
    assert "Stimme von Kim" in str(history_for(decision)[0].changes)
    page = client.get(response["Location"], secure=True).content.decode()
    assert "Eure Stimme zu „Kaufen wir regional ein?“ ist gezählt." in page
    assert "Entschieden ist erst nach dem Auszählen" in page
    # Nothing waits any more; the decision is still being voted on.
    assert f'action="{vote_url(coproduction, decision)}"' not in page
    decision.refresh_from_db()
    assert decision.status == "voting"


@pytest.mark.parametrize(
    ("procedure", "data", "error", "kept"),
    [
        ("majority", {"reason": "Noch unsicher"}, "Wählt eine der Antworten aus.", "Noch unsicher"),
        (
            "consent",
            {"choice": "objection"},
            "Ein schwerwiegender Einwand braucht eine Begründung",
            'value="objection" required id="id_vote{pk}_choice_2" checked',
        ),
    ],
)
def test_a_refused_vote_shows_its_error_beside_that_vote_with_the_input_kept(
    coproduction, founder, member, procedure, data, error, kept
):
    other = open_vote(coproduction, founder, "Ein anderes Thema?")
    decision = open_vote(coproduction, founder, "Kaufen wir regional ein?", procedure=procedure)

    response = login(member.user).post(vote_url(coproduction, decision), data, secure=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert not Vote.objects.exists()
    ballot = ballot_of(page, decision)
    assert error in ballot and kept.format(pk=decision.pk) in ballot
    # The other vote waiting keeps its own, empty ballot.
    assert error not in ballot_of(page, other) and 'id="abstimmen-' in ballot_of(page, other)


def test_a_vote_that_closed_meanwhile_is_refused_with_the_reason(
    coproduction, founder, member, monkeypatch
):
    decision = open_vote(coproduction, founder, "Kaufen wir regional ein?")
    client = login(member.user)
    move_time(monkeypatch, timedelta(days=6))

    response = client.post(vote_url(coproduction, decision), {"choice": "yes"}, secure=True)

    assert response.status_code == 302
    assert not Vote.objects.exists()
    page = client.get(response["Location"], secure=True).content.decode()
    assert "zu Ende gegangen" in page


def test_observers_and_the_other_side_cannot_vote_from_the_overview(coproduction, founder):
    observer = add_member(coproduction, access=Membership.Access.OBSERVER)
    official = add_member(coproduction, side=Side.ADMINISTRATION)
    joint = open_vote(coproduction, founder, "Gemeinsam?")
    side_only = open_vote(
        coproduction,
        founder,
        "Nur unsere Seite?",
        visibility="side",
        owner_side=Side.CIVIL_SOCIETY,
    )

    assert login(observer.user).get(overview(coproduction), secure=True).status_code == 200
    watching = login(observer.user).post(vote_url(coproduction, joint), {"choice": "yes"})
    hidden = login(official.user).post(
        vote_url(coproduction, side_only), {"choice": "yes"}, secure=True
    )

    assert watching.status_code in (301, 302, 403)  # http -> https first, then refused
    assert (
        login(observer.user)
        .post(vote_url(coproduction, joint), {"choice": "yes"}, secure=True)
        .status_code
        == 403
    )
    assert hidden.status_code == 404
    assert not Vote.objects.exists()


def test_a_get_casts_nothing(coproduction, founder, member):
    decision = open_vote(coproduction, founder, "Kaufen wir regional ein?")

    response = login(member.user).get(vote_url(coproduction, decision), secure=True)

    assert response.status_code == 405
    assert not Vote.objects.exists()
