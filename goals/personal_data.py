"""What goals store about a person: goals they watch over and milestones they are responsible
for (for the data page, ``accounts.sections``). Obstacles name nobody."""

from accounts.sections import Section
from goals.models import Goal, Milestone


def stewarded(user, memberships):
    rows = Goal.objects.filter(steward_id__in=memberships.ids).order_by("-created_at", "-pk")
    for goal in rows:
        shown = memberships.sees(goal)
        yield (
            memberships.coproduction(goal.coproduction_id),
            memberships.name(goal),
            goal.get_kind_display() if shown else None,
            goal.created_at,
        )


def milestones(user, memberships):
    rows = Milestone.objects.filter(responsible_id__in=memberships.ids).order_by("-due_date", "-pk")
    for milestone in rows:
        shown = memberships.sees(milestone)
        yield (
            memberships.coproduction(milestone.coproduction_id),
            memberships.name(milestone),
            milestone.get_status_display() if shown else None,
            milestone.due_date,
        )


SECTIONS = [
    Section(
        key="goals.stewarded",
        title="Ziele, über die ihr wacht",
        columns=("Ko-Produktion", "Ziel", "Art", "Angelegt am"),
        rows=stewarded,
    ),
    Section(
        key="goals.milestones",
        title="Meilensteine, für die ihr verantwortlich seid",
        columns=("Ko-Produktion", "Meilenstein", "Stand", "Fällig am"),
        rows=milestones,
    ),
]
