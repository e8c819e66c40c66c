"""The knowledge archive and the glossary in the Werkstatt search."""

from knowledge.models import GlossaryTerm, KnowledgeItem
from workspaces.searchable import Searchable

SEARCHABLE = [
    Searchable(
        model=KnowledgeItem,
        kind="Wissen",
        url_name="knowledge:item",
        title=lambda k: k.title,
        text=lambda k: [k.text, k.url, k.file_name],
        date=lambda k: k.created_at,
    ),
    Searchable(
        model=GlossaryTerm,
        kind="Begriff",
        url_name="knowledge:term",
        title=lambda t: t.term,
        text=lambda t: [t.explanation, t.plain_summary],
        date=lambda t: t.created_at,
    ),
]
