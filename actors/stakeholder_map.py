"""Die Akteurslandkarte as a picture: an inline SVG drawn on the server, no JavaScript.

Partners sit in the middle, actors around them on three rings by closeness (nah, mittel,
fern), their marker's size by influence, a line for each relation to a partner (solid for a
near relation, dashed for a distant one). The layout is deterministic — the same data gives the
same picture — and linear in the number of actors: a crowded ring spreads onto sub-rings
instead of overlapping. The picture is an image (``role="img"``) with a title and a
description; the table beside it on the page says the same in text.
"""

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from actors.models import Actor, Closeness

SIZE = 440
CENTER = SIZE / 2
RINGS = {Closeness.NEAR: 90, Closeness.MIDDLE: 145, Closeness.FAR: 195}
MARKER = {Actor.Influence.HIGH: 8.0, Actor.Influence.MIDDLE: 5.5, Actor.Influence.LOW: 3.5}
LINE = {
    Closeness.NEAR: 'stroke-width="1.8"',
    Closeness.MIDDLE: 'stroke-width="1"',
    Closeness.FAR: 'stroke-width="1" stroke-dasharray="3 3"',
}
PARTNER_RING = 30
SPACING = 16  # of markers along a ring before it spreads onto sub-rings
SPREAD = 30  # the widest a ring's sub-rings lie apart
NUMBERED = 40  # up to this many actors the markers carry their number
INK, ACTOR_FILL, PARTNER_FILL, LINE_COLOUR = "#1a1a1a", "#2f6f9f", "#1a1a1a", "#6b7280"


@dataclass
class Row:
    """One actor as the table below the picture shows it."""

    number: int
    actor: object
    relations: list = field(default_factory=list)  # (partner label, closeness label, text)


@dataclass
class Map:
    svg: str
    partners: list  # (letter, partner)
    actors: list  # Row, in the picture's numbering
    ring_counts: dict


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _partner_positions(count: int) -> list[tuple[float, float]]:
    if count == 1:
        return [(CENTER, CENTER)]
    return [
        (
            CENTER + PARTNER_RING * math.cos(-math.pi / 2 + 2 * math.pi * i / count),
            CENTER + PARTNER_RING * math.sin(-math.pi / 2 + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def _actor_positions(count: int, radius: float) -> list[tuple[float, float, float]]:
    """(x, y, angle) of ``count`` markers on a ring, spread onto sub-rings when crowded."""
    capacity = max(1, int(2 * math.pi * radius / SPACING))
    subrings = math.ceil(count / capacity) if count else 1
    step = min(7.0, SPREAD / (subrings - 1)) if subrings > 1 else 0.0
    positions = []
    for i in range(count):
        angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / count
        r = radius + (i % subrings - (subrings - 1) / 2) * step
        positions.append((CENTER + r * math.cos(angle), CENTER + r * math.sin(angle), angle))
    return positions


def layout(partners: list, actors: list, relations: list) -> Map:
    """The picture of ``actors`` (ordered, visible to the viewer) around ``partners``, with
    ``relations`` (of those actors, to those partners)."""
    letters = [(_letter(i), p) for i, p in enumerate(partners)]
    partner_at = dict(zip((p.pk for p in partners), _partner_positions(len(partners)), strict=True))
    by_ring = {ring: [a for a in actors if a.closeness == ring] for ring in RINGS}
    rows, placed, number = [], {}, 0
    for ring, members in by_ring.items():
        for actor, position in zip(
            members, _actor_positions(len(members), RINGS[ring]), strict=True
        ):
            number += 1
            rows.append(Row(number, actor))
            placed[actor.pk] = (number, position, actor)
    row_of = {row.actor.pk: row for row in rows}
    name_of = {p.pk: f"{letter} {p.name}" for letter, p in letters}
    parts = [
        f'<svg class="stakeholder-map" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        'aria-labelledby="karte-titel karte-text" xmlns="http://www.w3.org/2000/svg">',
        '<title id="karte-titel">Akteurslandkarte</title>',
        f'<desc id="karte-text">{_count(len(actors), "Akteur", "Akteure")} um '
        f"{_count(len(partners), 'Partner:in', 'Partner:innen')}, "
        "innen die nahen, außen die fernen; je größer der Punkt, desto größer der Einfluss. "
        "Die Tabelle unter dem Bild nennt alle mit ihrem Verhältnis zu den Partner:innen.</desc>",
    ]
    for ring, radius in RINGS.items():
        parts.append(
            f'<circle cx="{CENTER}" cy="{CENTER}" r="{radius}" fill="none" stroke="#c7ccd4" '
            'stroke-dasharray="2 4"/>'
            f'<text x="{CENTER}" y="{CENTER - radius - 4:.1f}" text-anchor="middle" '
            f'font-size="13" fill="{INK}">{ring.label}</text>'
        )
    for relation in relations:
        if relation.actor_id not in placed or relation.partner_id not in partner_at:
            continue
        _, (x, y, _angle), _ = placed[relation.actor_id]
        px, py = partner_at[relation.partner_id]
        parts.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{px:.1f}" y2="{py:.1f}" '
            f'stroke="{LINE_COLOUR}" {LINE[relation.closeness]}/>'
        )
        row_of[relation.actor_id].relations.append(
            (name_of[relation.partner_id], Closeness(relation.closeness).label, relation.text)
        )
    numbered = len(actors) <= NUMBERED
    for number, (x, y, angle), actor in placed.values():
        radius = MARKER[actor.influence]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{ACTOR_FILL}" '
            f'stroke="#fff" stroke-width="1"><title>{number}. {escape(actor.name)}</title></circle>'
        )
        if numbered:
            tx = x + (radius + 7) * math.cos(angle)
            ty = y + (radius + 7) * math.sin(angle) + 4
            parts.append(
                f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="middle" font-size="13" '
                f'fill="{INK}">{number}</text>'
            )
    for (letter, partner), (x, y) in zip(letters, partner_at.values(), strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="{PARTNER_FILL}">'
            f"<title>{letter}: {escape(partner.name)}</title></circle>"
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" '
            f'font-weight="bold" fill="#fff">{letter}</text>'
        )
    parts.append("</svg>")
    counts = {ring.label: len(members) for ring, members in by_ring.items()}
    # Our own markup; every name in it is escaped.
    return Map(mark_safe("".join(parts)), letters, rows, counts)  # noqa: S308


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
