from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions import services, voting
from tests.factories import add_member, make_coproduction, make_user, partner_on
from workspaces.models import Membership
from workspaces.visibility import Side


@pytest.fixture
def coordinator(db):
    return make_user("koordination@amt.example", display_name="Kora Koordination")


@pytest.fixture
def coproduction(coordinator):
    return make_coproduction(coordinator, name="Ernährungsstrategie Musterstadt")


@pytest.fixture
def coordination(coproduction, coordinator):
    return Membership.objects.get(user=coordinator, coproduction=coproduction)


@pytest.fixture
def admin_member(coproduction):
    return add_member(
        coproduction,
        make_user("amt@example.org", display_name="Anna Amt"),
        side=Side.ADMINISTRATION,
    )


@pytest.fixture
def civil_member(coproduction):
    return add_member(
        coproduction,
        make_user("ini@example.org", display_name="Ines Initiative"),
        side=Side.CIVIL_SOCIETY,
    )


@pytest.fixture
def civil_observer(coproduction):
    return add_member(
        coproduction,
        make_user("beobachtung@example.org", display_name="Bea Beobachtung"),
        side=Side.CIVIL_SOCIETY,
        access=Membership.Access.OBSERVER,
    )


@pytest.fixture
def council(coproduction):
    return partner_on(coproduction, Side.CIVIL_SOCIETY)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, coproduction, *args) -> str:
    return reverse(f"decisions:{name}", args=[coproduction.slug, *args])


def draft(coproduction, actor, **fields):
    values = {"question": "Machen wir einen Ernährungsgipfel?", "procedure": "consensus"}
    values.update(fields)
    return services.decision_create(actor=actor, coproduction=coproduction, **values)


def open_vote(decision, actor, days: int = 30, **extra):
    decision.refresh_from_db()
    return voting.decision_open_voting(
        actor=actor,
        decision=decision,
        closes_at=timezone.now() + timedelta(days=days),
        expected_version=decision.version,
        **extra,
    )


def move_time(monkeypatch, delta: timedelta) -> None:
    """Let the clock jump ahead (the project has no time-freezing library)."""
    moved = timezone.now() + delta
    monkeypatch.setattr(timezone, "now", lambda: moved)
