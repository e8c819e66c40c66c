"""Hostile input on the reflection: rounds and consequences at the ends of the calendar."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reflection import services
from reflection.services import ReflectionError
from tests.goals.conftest import login

from .helpers import open_round

pytestmark = pytest.mark.django_db


def test_far_dates_do_not_break_the_pages_or_the_check(coproduction, coordinator):
    with pytest.raises(ReflectionError, match="spätestens in zwei Jahren"):
        open_round(
            coproduction, coordinator, opens_on=date(9999, 12, 1), closes_on=date(9999, 12, 31)
        )
    soon = timezone.localdate() + timedelta(days=700)
    far = open_round(coproduction, coordinator, opens_on=soon, closes_on=soon + timedelta(days=14))
    now = open_round(coproduction, coordinator)
    with pytest.raises(ReflectionError, match="spätestens in zwei Jahren"):
        services.round_update(
            actor=coordinator,
            round_=far,
            expected_version=far.version,
            opens_on=date(9999, 12, 1),
            closes_on=date(9999, 12, 31),
        )
    for due in (date(1, 1, 1), date(9999, 12, 31)):
        services.consequence_create(actor=coordinator, round_=now, text="Folge", due_on=due)
    client = login(coordinator)
    for page in (
        reverse("reflection:overview", args=[coproduction.slug]),
        reverse("reflection:trends", args=[coproduction.slug]),
        reverse("reflection:round", args=[coproduction.slug, far.pk]),
        reverse("reflection:round", args=[coproduction.slug, now.pk]),
        reverse("kompass:check", args=[coproduction.slug]),
        reverse("workspaces:home"),
    ):
        assert client.get(page, secure=True).status_code == 200, page
