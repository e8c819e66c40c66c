"""The conflict register in the Werkstatt search."""

from conflicts.models import Conflict
from workspaces.searchable import Searchable

SEARCHABLE = [
    Searchable(
        model=Conflict,
        kind="Konflikt",
        url_name="conflicts:conflict",
        title=lambda c: c.title,
        text=lambda c: [
            c.administration_position,
            c.civil_society_position,
            c.external_obstacles,
            c.steps,
            c.external_support,
            c.resolution,
        ],
    ),
]
