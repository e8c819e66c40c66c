import itertools
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from demo import build
from demo.build import SLUG
from demo.management.commands import demo as demo_command
from goals.models import Goal
from workspaces.models import Coproduction


@pytest.mark.django_db
def test_the_demo_creates_three_users_with_private_and_shared_work(settings, capsys):
    settings.DEBUG = True
    call_command("demo", "--password", "demo-passwort-123")
    out = capsys.readouterr().out
    assert "demo-passwort-123" in out
    for email in ["verwaltung@demo.example", "initiative@demo.example", "moderation@demo.example"]:
        assert User.objects.get(email=email).check_password("demo-passwort-123")
    goals = Goal.objects.filter(coproduction__slug=SLUG)
    for side in ["civil_society", "administration"]:
        assert goals.filter(owner_side=side, visibility="side").exists()
        assert goals.filter(owner_side=side, visibility="coproduction").exists()
    assert goals.filter(kind="joint", visibility="public").exists()


@pytest.mark.django_db
def test_the_demo_is_refused_without_debug_unless_forced(settings, monkeypatch):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")
    # The large demo at a tenth of its size: tests/demo/test_large.py checks what it holds.
    smaller = partial(
        build.add_large,
        members=6,
        goal_count=20,
        milestone_count=20,
        decision_count=20,
        actor_count=3,
        resource_count=3,
        rounds=1,
        consequence_count=2,
        handover_count=2,
        impact_count=5,
        term_count=2,
    )
    monkeypatch.setattr(demo_command, "add_large", smaller)
    call_command("demo", "--force", "--size", "large")
    large = Coproduction.objects.exclude(slug=SLUG).get()
    assert large.memberships.count() == 6 + 2  # and the founder and the office's coordinator
    assert large.goals.count() == 20 and large.milestones.count() == 20
    assert large.decisions.count() == 20


@pytest.mark.django_db
def test_the_demo_builds_across_midnight(monkeypatch):
    # CI once ran the build at midnight in Berlin: by the second reflection round it was the
    # next day and the round's first day (read before the first) was refused as past. Here
    # every reading of the clock is a day later than the one before.
    start = datetime(2026, 11, 29, 23, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    ticks = itertools.count()
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(days=next(ticks)))
    coproduction = build.create_demo("demo-passwort-123")
    assert coproduction.reflection_rounds.count() == 2
