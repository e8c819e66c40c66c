"""The reflection's cases of tests/kompass/test_rules.py: (make the state, settle it)."""

from datetime import timedelta

from django.utils import timezone

from goals import services as goal_services
from reflection import services
from tests.factories import add_member, make_goal
from workspaces.visibility import Side

from .helpers import answers


def _interval(w, months=6):
    return services.settings_save(actor=w.user, coproduction=w.coproduction, interval_months=months)


def _round(w):
    today = timezone.localdate()
    return services.round_create(
        actor=w.user,
        coproduction=w.coproduction,
        title="Reflexion",
        opens_on=today,
        closes_on=today + timedelta(days=7),
    )


def _changed_goal(w):
    goal = make_goal(w.coproduction, title="Gesundes Essen")
    return goal_services.goal_update(
        actor=w.user, goal=goal, expected_version=goal.version, title="Gesundes Essen für alle"
    )


def _agreed(w, goal):
    services.consequence_create(actor=w.user, round_=_round(w), text="Ziel erweitern", goal=goal)


def _reflected(w):
    round_ = _round(w)
    extra = add_member(w.coproduction, side=Side.ADMINISTRATION)
    for member in (w.me, w.official, extra):
        services.response_save(membership=member, round_=round_, answers=answers(4))
    services.round_close(actor=w.user, round_=round_)


CASES = {
    "reflection.interval": (lambda w: None, lambda w, s: _interval(w)),
    "reflection.due": (_interval, lambda w, s: _round(w)),
    "reflection.goal-changes": (_changed_goal, _agreed),
    "reflection.opportunities": (lambda w: None, lambda w, s: _reflected(w)),
}
