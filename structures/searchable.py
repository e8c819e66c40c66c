"""Bodies (Gremien) in the Werkstatt search."""

from structures.models import Body
from workspaces.searchable import Searchable

SEARCHABLE = [
    Searchable(
        model=Body,
        kind="Gremium",
        url_name="structures:body",
        title=lambda b: b.name,
        text=lambda b: [b.purpose, b.meeting_rhythm],
    ),
]
