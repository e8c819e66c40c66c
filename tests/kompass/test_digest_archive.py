"""An invitation into an ended co-production cannot be accepted (an archive changes no more):
neither the weekly digest nor the overview's "what waits for you" names it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kompass.waiting import invitations_for
from tests.factories import make_coproduction, make_user
from tests.tasks import run_due_tasks
from workspaces.models import Coproduction, Invitation, Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def invite(person, name):
    founder = make_user()
    coproduction = make_coproduction(founder, name=name)
    Invitation.objects.create(
        coproduction=coproduction,
        partner=coproduction.partners.get(),
        email=person.email,
        access=Membership.Access.MEMBER,
        token=name,
        invited_by=founder,
        expires_at=timezone.now() + timedelta(days=7),
    )
    return coproduction


def test_an_invitation_into_an_archive_is_not_named():
    person = make_user()
    make_coproduction(person, side=Side.CIVIL_SOCIETY, name="Essen für alle")
    invite(person, "Kantinen der Stadt")
    archive = invite(person, "Tafel Nord")
    Coproduction.objects.filter(pk=archive.pk).update(stage=Coproduction.Stage.ENDED)
    names = [i.coproduction.name for i in invitations_for(person, timezone.now())]
    assert names == ["Kantinen der Stadt"]

    call_command("weekly_digest", stdout=StringIO())
    run_due_tasks()
    (body,) = [m.body for m in mail.outbox if m.to == [person.email]]
    assert "„Kantinen der Stadt“" in body and "Tafel Nord" not in body
