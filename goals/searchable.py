"""Goals, demands, contributions, obstacles and milestones in the Werkstatt search."""

from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from workspaces.searchable import Searchable

SEARCHABLE = [
    Searchable(
        model=Goal,
        kind="Ziel",
        url_name="goals:goal",
        title=lambda g: g.title,
        text=lambda g: [g.description],
        date=lambda g: g.created_at,
    ),
    Searchable(
        model=Demand,
        kind="Forderung",
        url_name="goals:demand",
        title=lambda d: str(d),
        text=lambda d: [d.text],
        date=lambda d: d.created_at,
    ),
    Searchable(
        model=Contribution,
        kind="Beitrag",
        url_name="goals:contribution",
        title=lambda c: str(c),
        text=lambda c: [c.description],
    ),
    Searchable(
        model=Obstacle,
        kind="Hindernis",
        url_name="goals:obstacle",
        title=lambda o: str(o),
        text=lambda o: [o.description, o.remedy],
    ),
    Searchable(
        model=Milestone,
        kind="Meilenstein",
        url_name="goals:milestone",
        title=lambda m: m.title,
        date=lambda m: m.due_date,
    ),
]
