"""The reference network of a deck as a server-rendered SVG (a chord diagram).

Cards sit on a circle in reading order, grouped by chapter; every printed reference is a curve
through the middle; a card's circle grows with the number of cards that point to it, so the
hubs of the guide stand out. The page pairs it with a table as its text alternative.
"""

import functools
import math

from django.utils.html import escape

from guide.deck import Deck

SIZE = 640
CENTER = SIZE / 2
RADIUS = 260
# Colour per chapter, each dark enough for white numbers (contrast ≥ 4.5:1).
PALETTE = ["#1f5f8b", "#8a3b12", "#2f6b2f", "#6b3d8a", "#8a1f4b", "#4a5a14", "#005f5f"]


def chapter_colours(deck: Deck) -> dict[str, str]:
    return {c.slug: PALETTE[i % len(PALETTE)] for i, c in enumerate(deck.chapters)}


def positions(deck: Deck) -> dict[int, tuple[float, float]]:
    cards = deck.reading_order
    gaps = len(deck.chapters)
    step = 2 * math.pi / (len(cards) + gaps)
    placed = {}
    slot = 0
    for chapter in deck.chapters:
        for card in chapter.cards:
            angle = -math.pi / 2 + slot * step
            placed[card.number] = (
                CENTER + RADIUS * math.cos(angle),
                CENTER + RADIUS * math.sin(angle),
            )
            slot += 1
        slot += 1
    return placed


def hubs(deck: Deck) -> list:
    """Cards ordered by how many cards point to them (ties: reading order)."""
    order = {card.number: i for i, card in enumerate(deck.reading_order)}
    return sorted(deck.cards.values(), key=lambda c: (-len(c.referenced_by), order[c.number]))


@functools.cache
def svg(deck: Deck) -> str:
    placed = positions(deck)
    colours = chapter_colours(deck)
    edges = []
    for card in deck.reading_order:
        x1, y1 = placed[card.number]
        for target in card.refs:
            x2, y2 = placed[target]
            edges.append(
                f'<path d="M{x1:.1f},{y1:.1f} Q{CENTER},{CENTER} {x2:.1f},{y2:.1f}" '
                f'stroke="{colours[card.chapter]}" stroke-opacity="0.45" fill="none" '
                f'stroke-width="1.4"/>'
            )
    nodes = []
    for card in deck.reading_order:
        x, y = placed[card.number]
        incoming = len(card.referenced_by)
        r = 11 + 2.2 * incoming
        label = (
            f"Karte {card.number}: {card.title}. Verwiesen von {incoming} Karten, "
            f"verweist auf {len(card.refs)}."
        )
        nodes.append(
            f'<a href="{card.get_absolute_url()}" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colours[card.chapter]}" '
            f'stroke="#ffffff" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle" font-size="14" '
            f'font-weight="bold" fill="#ffffff">{card.number}</text></a>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'class="network" role="group" aria-labelledby="network-title">'
        f'<title id="network-title">Verweisnetz der Karten: {len(edges)} Verweise zwischen '
        f"{len(deck.cards)} Karten</title>"
        f'<g class="edges" aria-hidden="true">{"".join(edges)}</g>'
        f'<g class="nodes">{"".join(nodes)}</g></svg>'
    )
