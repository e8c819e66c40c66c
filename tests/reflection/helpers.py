"""Building blocks of the reflection tests."""

from datetime import timedelta

from django.utils import timezone

from reflection import services
from reflection.models import Question
from tests.factories import add_member, make_user


def answers(score: int, comment: str = "") -> dict:
    return {q: (score, comment) for q in Question.values}


def members(coproduction, side, n: int) -> list:
    return [add_member(coproduction, make_user(), side=side) for _ in range(n)]


def open_round(coproduction, actor, **dates):
    today = timezone.localdate()
    return services.round_create(
        actor=actor,
        coproduction=coproduction,
        title=dates.pop("title", "Reflexion Herbst"),
        opens_on=dates.get("opens_on", today),
        closes_on=dates.get("closes_on", today + timedelta(days=14)),
    )


def answer_all(round_, people, score=4, comment=""):
    for member in people:
        services.response_save(membership=member, round_=round_, answers=answers(score, comment))
