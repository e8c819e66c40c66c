"""The timeline of a co-production as a server-rendered SVG (card 32).

A bar shows the co-production's duration from its start to its planned end (or an open end,
card 35), a dashed line marks today, and each milestone sits as a numbered marker below an
axis: a circle for a step of content, a diamond for a step of process, coloured by its
status. Markers that would overlap move to the next lane.

When the milestones shown crowd into a small part of the duration (a long co-production
with many milestones), the picture gets a second, zoomed axis for them, and the overview
bar marks where that window lies. Only presentation attributes are used (the CSP forbids
style attributes); the page pairs the picture with a table as its text alternative.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from goals.models import Milestone
from workspaces.timeaxis import MARGIN, WIDTH, Axis, german, padded, ticks

OVERVIEW_AXIS_Y = 62
DETAIL_AXIS_Y = 140
LANE_HEIGHT = 24
RADIUS = 9
MAX_LANES = 8
# Zoom when the markers crowd on the overview and span less than half of the whole range.
CROWDED_LANES = 3
ZOOM_BELOW = 0.5
INK, MUTED, BAR, WINDOW = "#1d2327", "#4a545c", "#cfe0ec", "#1f5f8b"
TODAY_COLOUR = "#b34700"
# Each dark enough for the white numbers on it (contrast ≥ 4.5:1).
STATUS_COLOURS = {
    Milestone.Status.PLANNED: "#1f5f8b",
    Milestone.Status.IN_PROGRESS: "#7a4f00",
    Milestone.Status.REACHED: "#2f6b2f",
    Milestone.Status.MISSED: "#a3191c",
    Milestone.Status.DROPPED: "#5f6368",
}


@dataclass
class Entry:
    number: int
    milestone: Milestone
    x: float = 0.0
    lane: int = 0

    @property
    def colour(self) -> str:
        return STATUS_COLOURS.get(self.milestone.status, "#1f5f8b")


@dataclass
class Timeline:
    svg: SafeString
    entries: list[Entry]
    start: date
    end: date | None
    today: date
    total: int
    zoomed: bool = False
    legend: list[tuple[str, str]] = field(default_factory=list)

    @property
    def shown(self) -> int:
        return len(self.entries)

    @property
    def limited(self) -> bool:
        return self.total > self.shown


def _overall(start: date, end: date | None, today: date, milestones) -> tuple[date, date]:
    days = [start, today] + [m.due_date for m in milestones] + ([end] if end else [])
    lo, hi = min(days), max(days)
    if end is None:
        # An open end runs on past the last known date.
        hi = hi + max(timedelta(days=30), (hi - lo) / 8)
    return padded(lo, hi)


def _lanes(entries: list[Entry]) -> int:
    last_x: list[float] = []
    for entry in entries:
        for lane, x in enumerate(last_x):
            if entry.x - x >= 2 * RADIUS + 2:
                entry.lane, last_x[lane] = lane, entry.x
                break
        else:
            if len(last_x) < MAX_LANES:
                entry.lane = len(last_x)
                last_x.append(entry.x)
            else:
                lane = min(range(len(last_x)), key=last_x.__getitem__)
                entry.lane, last_x[lane] = lane, entry.x
    return max(1, len(last_x))


def _axis_line(axis: Axis, y: int) -> list[str]:
    parts = [
        f'<line x1="{MARGIN}" y1="{y}" x2="{WIDTH - MARGIN}" y2="{y}" '
        f'stroke="{MUTED}" stroke-width="1.5"/>'
    ]
    for day, label in ticks(axis.lo, axis.hi):
        x = axis.x(day)
        parts.append(
            f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 6}" stroke="{MUTED}"/>'
            f'<text x="{x:.1f}" y="{y + 18}" font-size="11" text-anchor="middle" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    return parts


def _today(x: float, top: float, bottom: float, label_y: float) -> str:
    return (
        f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{TODAY_COLOUR}" '
        f'stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{x + 4:.1f}" y="{label_y}" font-size="11" font-weight="bold" '
        f'fill="{TODAY_COLOUR}">heute</text>'
    )


def _overview(axis: Axis, start: date, end: date | None) -> list[str]:
    x_start = axis.x(start)
    x_end = axis.x(end) if end else WIDTH - MARGIN
    parts = [
        f'<rect x="{x_start:.1f}" y="30" width="{max(2.0, x_end - x_start):.1f}" height="12" '
        f'rx="3" fill="{BAR}"/>',
        f'<text x="{x_start:.1f}" y="22" font-size="12" fill="{INK}">Beginn {german(start)}</text>',
    ]
    if end:
        parts.append(
            f'<text x="{x_end:.1f}" y="22" font-size="12" text-anchor="end" fill="{INK}">'
            f"Ende {german(end)}</text>"
        )
    else:
        parts.append(
            f'<line x1="{x_end - 40:.1f}" y1="36" x2="{x_end:.1f}" y2="36" stroke="#ffffff" '
            f'stroke-width="6" stroke-dasharray="4 4"/>'
            f'<text x="{x_end:.1f}" y="22" font-size="12" text-anchor="end" fill="{INK}">'
            f"Ende offen →</text>"
        )
    return parts + _axis_line(axis, OVERVIEW_AXIS_Y)


def _marker(entry: Entry, axis_y: int, lanes_top: int) -> str:
    m = entry.milestone
    x, y = entry.x, lanes_top + entry.lane * LANE_HEIGHT
    label = escape(
        f"{entry.number}: {m.title} – fällig {german(m.due_date)}, "
        f"{m.get_kind_display()}, {m.get_status_display()}"
    )
    if m.kind == Milestone.Kind.PROCESS:
        r = RADIUS + 1
        shape = (
            f'<polygon points="{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} '
            f'{x - r:.1f},{y:.1f}" fill="{entry.colour}" stroke="#ffffff"/>'
        )
    else:
        shape = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill="{entry.colour}" '
            f'stroke="#ffffff"/>'
        )
    return (
        f"<g><title>{label}</title>"
        f'<line x1="{x:.1f}" y1="{axis_y - 4}" x2="{x:.1f}" y2="{axis_y + 4}" '
        f'stroke="{entry.colour}" stroke-width="2"/>{shape}'
        f'<text x="{x:.1f}" y="{y + 3.5:.1f}" text-anchor="middle" font-size="10" '
        f'font-weight="bold" fill="#ffffff">{entry.number}</text></g>'
    )


def _description(coproduction, entries, start, end, today, total, window) -> str:
    reached = sum(1 for e in entries if e.milestone.status == Milestone.Status.REACHED)
    shown = "1 Meilenstein" if len(entries) == 1 else f"{len(entries)} Meilensteine"
    text = (
        f"Beginn {german(start)}, "
        + (f"geplantes Ende {german(end)}" if end else "Ende offen")
        + f", heute ist der {german(today)}. {shown} gezeigt, davon {reached} erreicht"
        + (f"; insgesamt gibt es {total}." if total > len(entries) else ".")
    )
    if window:
        text += f" Vergrößerter Ausschnitt: {german(window[0])} bis {german(window[1])}."
    return text


def build(coproduction, milestones: list[Milestone], *, today: date, total: int) -> Timeline:
    """The picture for ``milestones`` (already limited and in date order) of ``total``."""
    start, end = coproduction.start_date, coproduction.planned_end
    overview = Axis(*_overall(start, end, today, milestones))
    entries = [Entry(i, m) for i, m in enumerate(milestones, start=1)]

    window = None
    for entry in entries:
        entry.x = overview.x(entry.milestone.due_date)
    if _lanes(entries) > CROWDED_LANES:
        days = [m.due_date for m in milestones] + [today]
        window = (min(days), max(days))
        if (window[1] - window[0]) >= (overview.hi - overview.lo) * ZOOM_BELOW:
            window = None

    parts = _overview(overview, start, end)
    if window:
        detail = Axis(*padded(*window))
        x0, x1 = overview.x(detail.lo), overview.x(detail.hi)
        parts.append(
            # Where the zoomed window lies within the whole duration.
            f'<rect x="{x0:.1f}" y="27" width="{max(3.0, x1 - x0):.1f}" height="18" rx="2" '
            f'fill="none" stroke="{WINDOW}" stroke-width="2"/>'
            f'<text x="{MARGIN}" y="{DETAIL_AXIS_Y - 28}" font-size="12" fill="{WINDOW}">'
            f"Vergrößert (Kasten oben): {german(window[0])} – {german(window[1])}</text>"
        )
        parts += _axis_line(detail, DETAIL_AXIS_Y)
        axis, axis_y = detail, DETAIL_AXIS_Y
    else:
        axis, axis_y = overview, OVERVIEW_AXIS_Y
    lanes_top = axis_y + 34
    for entry in entries:
        entry.x = axis.x(entry.milestone.due_date)
    lanes = _lanes(entries)
    height = lanes_top + (lanes - 1) * LANE_HEIGHT + RADIUS + 14

    if window:
        parts.append(_today(overview.x(today), 26, OVERVIEW_AXIS_Y + 4, OVERVIEW_AXIS_Y - 6))
        parts.append(_today(axis.x(today), axis_y - 6, height - 4, axis_y - 4))
    else:
        parts.append(_today(axis.x(today), 26, height - 4, axis_y - 6))
    parts.extend(_marker(e, axis_y, lanes_top) for e in entries)

    title = f"Zeitleiste von {coproduction.name}"
    desc = _description(coproduction, entries, start, end, today, total, window)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="timeline" role="img" aria-labelledby="timeline-title timeline-desc">'
        f'<title id="timeline-title">{escape(title)}</title>'
        f'<desc id="timeline-desc">{escape(desc)}</desc>'
        f"{''.join(parts)}</svg>"
    )
    legend = [(colour, Milestone.Status(status).label) for status, colour in STATUS_COLOURS.items()]
    return Timeline(
        svg=mark_safe(svg),  # noqa: S308 — every text in it went through escape()
        entries=entries,
        start=start,
        end=end,
        today=today,
        total=total,
        zoomed=window is not None,
        legend=legend,
    )
