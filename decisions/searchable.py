"""Decisions with their background, outcome and reasons in the Werkstatt search."""

from decisions.models import Decision
from workspaces.searchable import Searchable

SEARCHABLE = [
    Searchable(
        model=Decision,
        kind="Entscheidung",
        url_name="decisions:decision",
        title=lambda d: d.question,
        text=lambda d: [d.background, d.outcome, d.reasons, d.supersede_reason],
        date=lambda d: d.decided_at or d.created_at,
    ),
]
