"""How well the search answers practitioners' questions: top-1, top-3, mean reciprocal rank.

The questions live beside the deck (``<slug>.queries.yaml``), each with the cards that are an
acceptable answer. ``make bench`` prints the figures; a test keeps them above a floor.
"""

from dataclasses import dataclass

import yaml
from django.conf import settings

from guide.deck import deck_path
from guide.search import SearchIndex


@dataclass
class Quality:
    queries: int
    top1: float
    top3: float
    mrr: float
    misses: list[tuple[str, list[int], list[int]]]


def load_queries(slug: str | None = None) -> list[dict]:
    slug = slug or settings.GUIDE_DEFAULT_DECK
    path = deck_path(slug).with_name(f"{slug}.queries.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def evaluate(index: SearchIndex, queries: list[dict]) -> Quality:
    top1 = top3 = reciprocal = 0.0
    misses = []
    for case in queries:
        found = [hit.card.number for hit in index.search(case["q"]).hits]
        rank = next((i for i, n in enumerate(found, 1) if n in case["cards"]), None)
        if rank is None:
            misses.append((case["q"], case["cards"], found[:3]))
            continue
        top1 += rank == 1
        top3 += rank <= 3
        reciprocal += 1 / rank
        if rank > 3:
            misses.append((case["q"], case["cards"], found[:3]))
    n = len(queries)
    return Quality(n, top1 / n, top3 / n, reciprocal / n, misses)
