"""The weekly digest: one mail per person through the worker; coordinators hear new and
still-open findings, members what waits for them; side-only findings stay on their side."""

from datetime import timedelta
from io import StringIO
from itertools import count

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from decisions.models import Decision
from kompass.models import DigestState
from structures.models import Body
from tests.factories import add_member, make_coproduction, make_user
from tests.tasks import run_due_tasks
from workspaces.models import Invitation, Membership
from workspaces.visibility import Side, Visibility

SECRET = "Amtsinterne Runde Haushaltssperre"

# Decision numbers are unique per co-production; these tests create rows directly.
NUMBERS = count(1)


@pytest.fixture
def world(db):
    coordinator = make_user(display_name="Koordination Ini")
    coproduction = make_coproduction(coordinator, side=Side.CIVIL_SOCIETY, name="Essen für alle")
    official = add_member(
        coproduction, side=Side.ADMINISTRATION, access=Membership.Access.COORDINATION
    )
    member = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    Body.objects.create(
        coproduction=coproduction,
        name=SECRET,
        kind=Body.Kind.WORKING_GROUP,
        visibility=Visibility.SIDE,
        owner_side=Side.ADMINISTRATION,
    )
    Decision.objects.create(
        number=next(NUMBERS),
        coproduction=coproduction,
        question="Kaufen wir regional ein?",
        procedure="majority",
        status=Decision.Status.VOTING,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=5),
    )
    return coproduction, coordinator, official.user, member.user


def digest_of(user):
    found = [m for m in mail.outbox if m.to == [user.email]]
    assert len(found) <= 1, "one mail per person"
    return found[0].body if found else None


def test_the_weekly_digest_goes_out_once_per_person_through_the_worker(world):
    coproduction, coordinator, official, member = world
    second = make_coproduction(coordinator, name="Wohnen im Quartier")
    assert second
    call_command("weekly_digest", stdout=StringIO())
    run_due_tasks()
    coordinator_mail = digest_of(coordinator)
    assert "Essen für alle" in coordinator_mail and "Wohnen im Quartier" in coordinator_mail
    assert "Neu im Kompass-Check" in coordinator_mail
    assert "Abstimmen: Kaufen wir regional ein?" in digest_of(member)
    assert "Kompass-Check" not in digest_of(member)  # members hear what waits for them
    # A side-only finding reaches its side only — in the mail as on the pages.
    assert SECRET in digest_of(official)
    assert SECRET not in coordinator_mail and SECRET not in digest_of(member)
    # A second run in the same week sends nothing twice.
    sent = len(mail.outbox)
    call_command("weekly_digest", stdout=StringIO())
    run_due_tasks()
    assert len(mail.outbox) == sent


def test_the_next_digest_says_what_is_still_open_and_members_can_switch_it_off(world):
    coproduction, coordinator, official, member = world
    Membership.objects.filter(user=member).update(weekly_digest=False)
    call_command("weekly_digest", stdout=StringIO())
    run_due_tasks()
    assert digest_of(member) is None
    mail.outbox.clear()
    DigestState.objects.update(sent_at=timezone.now() - timedelta(days=7))
    call_command("weekly_digest", stdout=StringIO())
    run_due_tasks()
    body = digest_of(coordinator)
    assert "Noch offen im Kompass-Check" in body
    assert "Neu im Kompass-Check" not in body


def test_an_invitation_is_named_once_however_many_co_productions_the_person_is_in(world):
    coproduction, coordinator, official, member = world
    make_coproduction(coordinator, name="Wohnen im Quartier")
    founder = make_user()
    elsewhere = make_coproduction(founder, side=Side.ADMINISTRATION, name="Kantinen der Stadt")
    Invitation.objects.create(
        coproduction=elsewhere,
        partner=elsewhere.partners.get(),
        email=coordinator.email,
        access=Membership.Access.MEMBER,
        token="kantinen",
        invited_by=founder,
        expires_at=timezone.now() + timedelta(days=7),
    )
    call_command("weekly_digest", stdout=StringIO())
    run_due_tasks()
    body = digest_of(coordinator)
    assert "Essen für alle" in body and "Wohnen im Quartier" in body
    assert body.count("„Kantinen der Stadt“") == 1
