"""Kompass-Check rules that read several feature apps at once (cards 18, 52)."""

from conflicts.models import Conflict
from decisions.models import Decision
from goals.models import Goal, Milestone
from meetings.models import Meeting
from structures.models import Body
from workspaces.checking import HINT, Problem, Rule

PUBLISHABLE = (Goal, Milestone, Body, Decision, Meeting, Conflict)


def nothing_public(ctx):
    # Public items are seen by everyone, so this reads no more than any viewer may see.
    for model in PUBLISHABLE:
        if model.objects.visible_to(ctx.viewer).public().exists():
            return None
    return Problem(
        text="Nichts aus eurer Ko-Produktion ist öffentlich: Nachbarschaft und Öffentlichkeit "
        "sehen nicht, wer mit welchem Ziel zusammenarbeitet.",
        url=ctx.url("goals:list"),
        state="none",
    )


RULES = [
    Rule(
        id="kompass.public",
        title="Etwas ist öffentlich",
        cards=(52, 18),
        severity=HINT,
        check=nothing_public,
    ),
]
