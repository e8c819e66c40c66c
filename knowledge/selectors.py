"""Reads of the knowledge archive and the glossary — always through ``visible_to``."""

from django.db.models import Count

from knowledge.links import LINKS
from knowledge.models import GlossaryTerm, KnowledgeItem


def items_for(viewer):
    return KnowledgeItem.objects.visible_to(viewer)


def kind_counts(viewer) -> dict[str, int]:
    rows = items_for(viewer).values("kind").annotate(n=Count("id")).order_by()
    return {row["kind"]: row["n"] for row in rows}


def links_of(item, viewer) -> list[tuple]:
    """(link kind, the linked items the viewer may see) for each kind that has any: one query
    per kind, however many links."""
    found = []
    for link in LINKS:
        targets = list(link.choices(viewer).filter(knowledge_items=item))
        if targets:
            found.append((link, targets))
    return found


def terms_for(viewer):
    return GlossaryTerm.objects.visible_to(viewer)
