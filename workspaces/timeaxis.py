"""A day axis for the Werkstatt's server-rendered timelines (the milestones' in ``goals``, the
positions' and fundings' in ``resources``): days mapped to x between the margins, German
dates, and ticks whose step keeps to about eight labels."""

from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 640
MARGIN = 36
MONTHS = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]


@dataclass(frozen=True)
class Axis:
    """Maps days to x between the margins."""

    lo: date
    hi: date

    def x(self, day: date) -> float:
        scale = (WIDTH - 2 * MARGIN) / max(1, (self.hi - self.lo).days)
        return MARGIN + (day - self.lo).days * scale


def german(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Tick days and labels, a step chosen so that at most about eight labels appear."""
    span = (hi - lo).days
    if span <= 70:
        step = next(s for s in (1, 2, 7, 14) if span / s <= 9)
        first = lo + timedelta(days=(7 - lo.weekday()) % 7) if step >= 7 else lo
        days = [first + timedelta(days=step * i) for i in range(span // step + 2)]
        return [(d, f"{d:%d.%m.}") for d in days if lo <= d <= hi]
    span_months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if span_months / s <= 8), 120)
    first = date(lo.year, lo.month, 1)
    if first < lo:
        first = _add_months(first, 1)
    while (first.month - 1) % min(step, 12):
        first = _add_months(first, 1)
    found = []
    while first <= hi:
        label = str(first.year) if step >= 12 else f"{MONTHS[first.month - 1]} {first:%y}"
        found.append((first, label))
        first = _add_months(first, step)
    return found


def padded(lo: date, hi: date) -> tuple[date, date]:
    pad = max(timedelta(days=2), (hi - lo) / 40)
    return lo - pad, hi + pad
