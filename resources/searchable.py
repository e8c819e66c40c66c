"""Positions and funding in the Werkstatt search."""

from resources.models import Funding, Position
from workspaces.searchable import Searchable

SEARCHABLE = [
    Searchable(
        model=Position,
        kind="Stelle",
        url_name="resources:position",
        title=lambda p: p.title,
        text=lambda p: [p.tasks, p.handover],
        date=lambda p: p.end_date,
    ),
    Searchable(
        model=Funding,
        kind="Finanzierung",
        url_name="resources:funding",
        title=lambda f: f.title,
        text=lambda f: [f.funder, f.conditions, f.reporting, f.dependency, f.follow_up_note],
        date=lambda f: f.end_date,
    ),
]
