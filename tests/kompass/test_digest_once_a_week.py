"""A person who got a digest in the last six days gets none — also when they joined another
co-production since (its membership has not had a digest yet): otherwise a second mail in the
same week named their invitations again."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kompass.models import DigestState
from tests.factories import make_coproduction, make_user
from tests.tasks import run_due_tasks
from workspaces.models import Invitation, Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def send_digests() -> list:
    mail.outbox.clear()
    call_command("weekly_digest", stdout=StringIO())
    run_due_tasks()
    return mail.outbox


def test_a_person_gets_one_digest_a_week_however_many_co_productions_they_join():
    person = make_user()
    make_coproduction(person, side=Side.CIVIL_SOCIETY, name="Essen für alle")
    founder = make_user()
    elsewhere = make_coproduction(founder, name="Kantinen der Stadt")
    Invitation.objects.create(
        coproduction=elsewhere,
        partner=elsewhere.partners.get(),
        email=person.email,
        access=Membership.Access.MEMBER,
        token="kantinen",
        invited_by=founder,
        expires_at=timezone.now() + timedelta(days=7),
    )
    assert [m.to for m in send_digests()].count([person.email]) == 1

    make_coproduction(person, side=Side.CIVIL_SOCIETY, name="Wohnen im Quartier")
    assert [m.to for m in send_digests()].count([person.email]) == 0

    DigestState.objects.update(sent_at=timezone.now() - timedelta(days=7))
    (body,) = [m.body for m in send_digests() if m.to == [person.email]]
    assert "Essen für alle" in body and "Wohnen im Quartier" in body
