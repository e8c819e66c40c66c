"""Positions and funding over time, against the co-production's planned end (cards 22, 34, 35).

A server-rendered SVG: one bar per funding and per position from its start to its end (an
open end runs on to the edge), a line at the planned end of the co-production
(``Coproduction.planned_end``, the same date the Check's rule for card 35 reads) and one at
today. The top row shows which time ahead some funding covers and where nothing does — the
gap the cards ask about, visible at a glance. Ends that fall before the planned end without a
settled follow-up are marked. The page pairs the picture with a table as its text
alternative; only presentation attributes are used (the CSP forbids style attributes).

The day axis and its ticks are shared with the milestone timeline (workspaces.timeaxis).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from resources import selectors
from resources.models import Funding
from workspaces.timeaxis import MARGIN, WIDTH, Axis, german, padded, ticks

INK, MUTED = "#1d2327", "#4a545c"
FUNDING_COLOUR, POSITION_COLOUR = "#1f5f8b", "#2f6b2f"
COVERED, GAP, OPEN_END = "#cfe0ec", "#a3191c", "#a3191c"
TODAY_COLOUR = "#b34700"
AXIS_Y = 40
ROW = 36
LABEL_LIMIT = 55


@dataclass
class Row:
    kind: str  # "Finanzierung" or "Stelle"
    item: object
    url_name: str
    ends_early: bool  # ends before the planned end (or the co-production runs open-ended)

    @property
    def open(self) -> bool:
        """Ends early and nobody has settled what follows."""
        return self.ends_early and not self.item.follow_up_settled


@dataclass
class Picture:
    svg: SafeString
    rows: list[Row]
    gaps: list[tuple[date, date | None]]
    planned_end: date | None
    today: date
    fundings_total: int
    positions_total: int

    @property
    def limited(self) -> bool:
        return self.fundings_total + self.positions_total > len(self.rows)


def gaps(periods, *, start: date, end: date | None) -> list[tuple[date, date | None]]:
    """The stretches from ``start`` to ``end`` (None: open) that no period (from, to) covers; a
    period without a beginning has always run, one without an end runs on."""
    gaps, cursor = [], start
    for lo, hi in sorted(periods, key=lambda p: p[0] or date.min):
        if end is not None and cursor > end:
            break
        if lo is not None and lo > cursor:
            before = lo - timedelta(days=1)
            gaps.append((cursor, before if end is None else min(before, end)))
        if hi is None:
            return gaps
        cursor = max(cursor, hi + timedelta(days=1))
    if end is None or cursor <= end:
        gaps.append((cursor, end))
    return [(lo, hi) for lo, hi in gaps if hi is None or hi >= lo]


def _ends_early(item, planned_end: date | None) -> bool:
    return item.end_date is not None and (planned_end is None or item.end_date < planned_end)


def _range(coproduction, today, rows, planned_end) -> Axis:
    days = [coproduction.start_date, today]
    for row in rows:
        days += [d for d in (row.item.start_date, row.item.end_date) if d]
    if planned_end:
        days.append(planned_end)
    lo, hi = min(days), max(days)
    # Open ends (of the co-production or an item) run on past the last known date.
    hi += max(timedelta(days=60), (hi - lo) / 8)
    return Axis(*padded(lo, hi))


def _line(x: float, top: float, bottom: float, colour: str, label: str, *, today: bool) -> str:
    """Today's line is dashed and labelled to its left, the planned end's to its right
    (to its left, too, where the picture ends)."""
    dash = ' stroke-dasharray="5 3"' if today else ""
    left = today or x + 8 * len(label) > WIDTH
    anchor, label_x = ("end", x - 4) if left else ("start", x + 4)
    return (
        f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{colour}" '
        f'stroke-width="2"{dash}/>'
        f'<text x="{label_x:.1f}" y="{top + 10}" font-size="13" font-weight="bold" '
        f'text-anchor="{anchor}" fill="{colour}">{escape(label)}</text>'
    )


def _coverage(axis: Axis, found: list, y: int, today: date, end: date | None) -> list[str]:
    parts = [
        f'<text x="{MARGIN}" y="{y}" font-size="14" font-weight="bold" fill="{INK}">'
        f"Ab heute finanziert?</text>"
    ]
    x0, x1 = axis.x(today), axis.x(end) if end else WIDTH - MARGIN
    parts.append(
        f'<rect x="{x0:.1f}" y="{y + 6}" width="{max(2.0, x1 - x0):.1f}" height="14" '
        f'fill="{COVERED}"/>'
    )
    for lo, hi in found:
        a, b = axis.x(lo), axis.x(hi) if hi else WIDTH - MARGIN
        label = f"Lücke ab {german(lo)}" + (f" bis {german(hi)}" if hi else "")
        parts.append(
            f'<g><title>{escape(label)}</title><rect x="{a:.1f}" y="{y + 6}" '
            f'width="{max(3.0, b - a):.1f}" height="14" fill="{GAP}"/></g>'
        )
    return parts


def _bar(axis: Axis, row: Row, y: int) -> str:
    item = row.item
    colour = FUNDING_COLOUR if row.kind == "Finanzierung" else POSITION_COLOUR
    a = axis.x(item.start_date) if item.start_date else MARGIN
    b = axis.x(item.end_date) if item.end_date else WIDTH - MARGIN
    end = f"bis {german(item.end_date)}" if item.end_date else "ohne Ende"
    state = " – Anschluss offen" if row.open else ""
    title = f"{row.kind}: {item.title} ({item.partner.name}), {end}{state}"
    label = item.title if len(item.title) <= LABEL_LIMIT else item.title[: LABEL_LIMIT - 1] + "…"
    parts = [
        f"<g><title>{escape(title)}</title>",
        f'<text x="{MARGIN}" y="{y}" font-size="14" fill="{INK}">{escape(row.kind)}: '
        f"{escape(label)}{' ⚠' if row.open else ''}</text>",
        f'<rect x="{a:.1f}" y="{y + 5}" width="{max(3.0, b - a):.1f}" height="12" rx="2" '
        f'fill="{colour}"/>',
    ]
    if item.end_date is None:
        parts.append(
            f'<line x1="{b - 30:.1f}" y1="{y + 11}" x2="{b:.1f}" y2="{y + 11}" stroke="#ffffff" '
            f'stroke-width="4" stroke-dasharray="4 4"/>'
        )
    elif row.open:
        parts.append(f'<rect x="{b - 2:.1f}" y="{y + 1}" width="6" height="20" fill="{OPEN_END}"/>')
    parts.append("</g>")
    return "".join(parts)


def _description(coproduction, rows, found, planned_end, today) -> str:
    open_rows = sum(1 for r in rows if r.open)
    text = (
        f"Beginn {german(coproduction.start_date)}, "
        + (f"geplantes Ende {german(planned_end)}" if planned_end else "Ende offen")
        + f", heute ist der {german(today)}. {len(rows)} Einträge gezeigt"
        + (f", davon {open_rows} ohne geklärten Anschluss. " if open_rows else ". ")
    )
    if not found:
        return text + "Bis zum geplanten Ende ist jede Zeit finanziert."
    return text + " ".join(
        f"Lücke ab {german(lo)}" + (f" bis {german(hi)}." if hi else ", ohne Ende.")
        for lo, hi in found
    )


def build(coproduction, viewer, *, today: date) -> Picture:
    """The picture as ``viewer`` may see it: only the positions and funding they see."""
    fundings, positions, fundings_total, positions_total = selectors.timeline_rows(viewer)
    planned_end = coproduction.planned_end
    rows = [
        Row("Finanzierung", f, "resources:funding", _ends_early(f, planned_end)) for f in fundings
    ] + [Row("Stelle", p, "resources:position", _ends_early(p, planned_end)) for p in positions]
    start = max(today, coproduction.start_date)
    # What ended before the time looked at covers none of it.
    periods = (
        Funding.objects.visible_to(viewer)
        .exclude(end_date__lt=start)
        .values_list("start_date", "end_date")
    )
    found = gaps(periods, start=start, end=planned_end)
    axis = _range(coproduction, today, rows, planned_end)

    parts = [
        f'<line x1="{MARGIN}" y1="{AXIS_Y}" x2="{WIDTH - MARGIN}" y2="{AXIS_Y}" '
        f'stroke="{MUTED}" stroke-width="1.5"/>'
    ]
    for day, label in ticks(axis.lo, axis.hi):
        x = axis.x(day)
        parts.append(
            f'<line x1="{x:.1f}" y1="{AXIS_Y}" x2="{x:.1f}" y2="{AXIS_Y + 6}" stroke="{MUTED}"/>'
            f'<text x="{x:.1f}" y="{AXIS_Y - 6}" font-size="12" text-anchor="middle" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    y = AXIS_Y + 30
    parts += _coverage(axis, found, y, today, planned_end)
    y += ROW + 8
    height = y + ROW * len(rows) + 4
    # The lines first: the bars and their labels are drawn over them.
    parts.append(_line(axis.x(today), AXIS_Y + 8, height - 4, TODAY_COLOUR, "heute", today=True))
    if planned_end:
        end_x = axis.x(planned_end)
        parts.append(_line(end_x, AXIS_Y + 8, height - 4, INK, "geplantes Ende", today=False))
    for row in rows:
        parts.append(_bar(axis, row, y))
        y += ROW

    title = f"Stellen und Finanzierung von {coproduction.name}"
    desc = _description(coproduction, rows, found, planned_end, today)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="timeline" role="img" aria-labelledby="ressourcen-title ressourcen-desc">'
        f'<title id="ressourcen-title">{escape(title)}</title>'
        f'<desc id="ressourcen-desc">{escape(desc)}</desc>'
        f"{''.join(parts)}</svg>"
    )
    return Picture(
        svg=mark_safe(svg),  # noqa: S308 — every text in it went through escape()
        rows=rows,
        gaps=found,
        planned_end=planned_end,
        today=today,
        fundings_total=fundings_total,
        positions_total=positions_total,
    )
