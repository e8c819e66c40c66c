"""Deleting an account: the name goes with it, also where other items' history and tallies
recorded it, and so does what the worker and the weekly digest kept about the person."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.services import account_delete
from decisions import voting
from goals import services as goals
from handover import services as handovers
from history.models import ChangeRecord
from meetings import polls
from tests import factories
from tests.accounts.personal_data.entries import download, page, poll_with_dates, section
from tests.decisions.conftest import draft, open_vote
from tests.tasks import run_due_tasks
from workspaces.models import Delivery, Membership
from workspaces.services import invitation_accept, invitation_create

pytestmark = pytest.mark.django_db


# Deletion: the name goes with the account, also where other items recorded it.


def test_deleting_the_account_removes_the_name_from_the_history_and_tallies_of_other_items(
    coproduction, ada, coordinator
):

    konrad = Membership.objects.get(user=coordinator)
    goals.goal_create(
        actor=coordinator,
        coproduction=coproduction,
        kind="joint",
        owner_side="",
        level="abstract",
        title="Ada Lovelace Preis ausloben",  # a title naming her, on an item not hers
        steward=konrad,
    )
    goals.goal_create(
        actor=coordinator,
        coproduction=coproduction,
        kind="joint",
        owner_side="",
        level="abstract",
        title="Schulgärten",
        steward=ada,
    )
    handovers.handover_create(
        actor=coordinator, coproduction=coproduction, leaving=ada, successor=konrad, owner_side=""
    )
    gone = handovers.handover_create(
        actor=coordinator, coproduction=coproduction, leaving=konrad, successor=ada, owner_side=""
    )
    handovers.handover_delete(actor=coordinator, handover=gone, expected_version=gone.version)
    vetoed = draft(coproduction, coordinator)
    open_vote(vetoed, coordinator, consultation_override="Die Frist ist vereinbart kürzer.")
    voting.vote_cast(
        actor=ada.user, decision=vetoed, membership=ada, choice="veto", reason="Zu teuer"
    )
    voting.vote_cast(actor=coordinator, decision=vetoed, membership=konrad, choice="agree")
    voting.decision_close(actor=coordinator, decision=vetoed)
    vetoed.refresh_from_db()
    assert "Ada Lovelace" in json.dumps(vetoed.tally, ensure_ascii=False)
    (date,) = poll_with_dates(coproduction, "Termin für das Plenum", 1)
    polls.availability_set(membership=ada, poll=date.poll, answers={date.pk: "yes"})

    account_delete(user=ada.user)

    records = ChangeRecord.objects.filter(coproduction=coproduction)
    texts = [r.object_label + json.dumps(r.changes, ensure_ascii=False) for r in records]
    vetoed.refresh_from_db()
    assert not [t for t in texts if "Ada Lovelace" in t and "Preis" not in t]
    assert "Ada Lovelace" not in json.dumps(vetoed.tally, ensure_ascii=False)
    assert "ehemaliges Mitglied" in json.dumps(vetoed.tally, ensure_ascii=False)
    assert any("Übergabe von ehemaliges Mitglied an Konrad Koordination" in t for t in texts)
    deleted = records.get(
        content_type__model="handover", object_id=gone.pk, action=ChangeRecord.Action.DELETED
    )
    assert deleted.object_label == "Übergabe von Konrad Koordination an ehemaliges Mitglied"
    assert any('"Stimme von ehemaliges Mitglied"' in t for t in texts)
    assert any('"Antworten von ehemaliges Mitglied"' in t for t in texts)
    # Someone else's item that merely contains the name keeps its title.
    assert any(r.object_label == "Ada Lovelace Preis ausloben" for r in records)


def test_deleting_the_account_forgets_which_mails_reached_the_person(client, coproduction):

    coordinator = Membership.objects.get(coproduction=coproduction).user
    user = factories.make_user("carla@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    other = factories.make_user("dora@example.org")
    EmailAddress.objects.create(user=other, email=other.email, verified=True, primary=True)
    for person in (user, other):
        invitation = invitation_create(
            actor=coordinator,
            coproduction=coproduction,
            partner=coproduction.partners.first(),
            email=person.email,
            access="member",
        )
        run_due_tasks()
        invitation_accept(user=person, token=invitation.token)

    rows = section(download(client, user), "accounts.mails")["rows"]
    account_delete(user=user)

    assert rows == [[coproduction.name, "Einladung", "carla@example.org", rows[0][3]]]
    assert list(Delivery.objects.values_list("recipient", flat=True)) == ["dora@example.org"]


def test_the_weekly_digest_shows_when_it_went_out_and_how_many_points_it_named(
    client, coproduction, ada
):
    from kompass.models import DigestState

    DigestState.objects.create(
        membership=ada, sent_at=timezone.now(), findings=["goals.steward:1", "structures.body:2"]
    )
    (row,) = section(download(client, ada.user), "kompass.digests")["rows"]
    assert row[0] == coproduction.name and row[2] == 2
    assert "Eure wöchentliche Zusammenfassung" in page(client, ada.user)


def test_deleting_the_account_deletes_what_the_last_digest_named(coproduction, ada):
    from kompass.models import DigestState

    DigestState.objects.create(membership=ada, sent_at=timezone.now(), findings=["a:1"])
    account_delete(user=ada.user)
    assert not DigestState.objects.filter(membership=ada).exists()
