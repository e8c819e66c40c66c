"""The life cycle in the Werkstatt search: ways of making it permanent and plans to reach
beyond (the closing is one page, reached from the Verlauf)."""

from lifecycle.models import ImpactPlan, PermanencePath
from workspaces.searchable import Searchable

SEARCHABLE = [
    Searchable(
        model=PermanencePath,
        kind="Weg der Verstetigung",
        url_name="lifecycle:path",
        title=lambda p: p.get_path_display(),
        text=lambda p: [p.description, p.steps, p.money, p.staff],
    ),
    Searchable(
        model=ImpactPlan,
        kind="Vorhaben: über sich hinauswirken",
        url_name="lifecycle:impact",
        title=lambda p: p.title,
        text=lambda p: [p.get_way_display(), p.description, p.actors],
    ),
]
