"""Anonymous results of reflection rounds — the one place that decides what of the answers
anyone may see (cards 46, 44: open talk needs trust).

The rules, and why:

- Results exist only for closed rounds. While a round runs nobody sees an average, so
  nobody can watch it move when a colleague answers. Only the total number of answers is
  shown (participation, not content).
- A group's results (means, distribution, comments) are shown only if at least
  ``MIN_GROUP`` (three) of its members answered; otherwise „zu wenige Antworten für eine
  anonyme Auswertung“. Its number of answers is shown only if it is zero or at least three.
- Per side and together: a side is shown if at least three of it answered. Together is shown
  if at least three answered overall *and* the answers of the sides not shown number zero
  or at least three — else the difference between the total and the shown sides would
  reveal the answers of one or two people.
- Comments carry no name, no side where the side is hidden, no time, and are sorted by
  their text, never in the order they came in.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, Sum

from reflection.models import QUESTION_SHORT, SCALE, Answer, Question, Response
from workspaces.models import Side

MIN_GROUP = 3
TOO_FEW = "zu wenige Antworten für eine anonyme Auswertung"


@dataclass
class QuestionResult:
    question: str
    label: str
    short: str
    mean: float
    distribution: list[tuple[int, str, int]]  # (score, label, how many)
    comments: list[str] = field(default_factory=list)


@dataclass
class Group:
    """The answers of one side, or of everyone together (``side`` empty)."""

    side: str
    label: str
    count: int
    shown: bool
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def count_label(self) -> str:
        if self.count == 0:
            return "keine Antworten"
        if not self.shown and self.count < MIN_GROUP:
            return "weniger als drei Antworten"
        if not self.shown:
            return ""
        return f"{self.count} Antworten"


def shown_groups(counts: dict[str, int]) -> tuple[set[str], bool]:
    """Which sides (by their number of answers) are shown, and whether the together is."""
    sides = {side for side, n in counts.items() if n >= MIN_GROUP}
    hidden = sum(n for side, n in counts.items() if side not in sides)
    total = sum(counts.values())
    together = total >= MIN_GROUP and (hidden == 0 or hidden >= MIN_GROUP)
    return sides, together


def side_label(side: str) -> str:
    return Side(side).label if side else "Alle zusammen"


def _question_results(rows, comments) -> list[QuestionResult]:
    results = []
    labels = dict(SCALE)
    for question, label in Question.choices:
        row = rows.get(question)
        if row is None:
            continue
        results.append(
            QuestionResult(
                question=question,
                label=label,
                short=QUESTION_SHORT[question],
                mean=round(float(row["mean"]), 1),
                distribution=[(s, labels[s], row[f"s{s}"]) for s, _ in SCALE],
                comments=sorted(comments.get(question, []), key=str.casefold),
            )
        )
    return results


def round_results(round_, sides: list[str]) -> list[Group]:
    """Together first, then each of ``sides`` (the co-production's sides). Three queries."""
    counts = dict(Response.objects.filter(round=round_).values_list("side").annotate(n=Count("id")))
    shown_sides, together = shown_groups(counts)
    answers = Answer.objects.filter(response__round=round_)
    per_score = {f"s{s}": Count("id", filter=Q(score=s)) for s, _ in SCALE}
    stats = answers.values("response__side", "question").annotate(mean=Avg("score"), **per_score)
    by_side: dict[str, dict[str, dict]] = {}
    for row in stats.order_by():
        by_side.setdefault(row["response__side"], {})[row["question"]] = row
    texts: dict[str, dict[str, list[str]]] = {}
    visible = [*shown_sides] if not together else list(counts)
    for side, question, comment in (
        answers.filter(response__side__in=visible)
        .exclude(comment="")
        .values_list("response__side", "question", "comment")
        .order_by()
    ):
        texts.setdefault(side, {}).setdefault(question, []).append(comment)
    groups = [_together(counts, together, by_side, texts)]
    for side in [*sides, *sorted(set(counts) - set(sides))]:
        shown = side in shown_sides
        groups.append(
            Group(
                side=side,
                label=side_label(side),
                count=counts.get(side, 0),
                shown=shown,
                questions=_question_results(by_side.get(side, {}), texts.get(side, {}))
                if shown
                else [],
            )
        )
    return groups


def _together(counts, shown, by_side, texts) -> Group:
    group = Group(side="", label=side_label(""), count=sum(counts.values()), shown=shown)
    if not shown:
        return group
    rows: dict[str, dict] = {}
    for side_rows in by_side.values():
        for question, row in side_rows.items():
            n = sum(row[f"s{s}"] for s, _ in SCALE)
            merged = rows.setdefault(
                question, {"sum": 0.0, "n": 0, **{f"s{s}": 0 for s, _ in SCALE}}
            )
            merged["sum"] += float(row["mean"]) * n  # PostgreSQL: a Decimal
            merged["n"] += n
            for s, _ in SCALE:
                merged[f"s{s}"] += row[f"s{s}"]
    for merged in rows.values():
        merged["mean"] = merged["sum"] / merged["n"]
    comments: dict[str, list[str]] = {}
    for side_texts in texts.values():
        for question, items in side_texts.items():
            comments.setdefault(question, []).extend(items)
    group.questions = _question_results(rows, comments)
    return group


@dataclass
class TrendRow:
    round: object
    means: dict  # question → mean, or None where the group is too small
    shown: bool

    @property
    def values(self) -> list:
        return [self.means.get(q) for q in Question.values]


def trends(rounds: list, side: str = "") -> list[TrendRow]:
    """For each closed round of ``rounds`` (oldest first), the means of the group ``side``
    (empty: together) — only where that group is shown by the rules above. Two queries,
    however many rounds."""
    ids = [r.pk for r in rounds]
    counts: dict[int, dict[str, int]] = {}
    for round_id, group_side, n in (
        Response.objects.filter(round__in=ids)
        .values_list("round", "side")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts.setdefault(round_id, {})[group_side] = n
    sums: dict[int, dict[str, dict[str, list[float]]]] = {}
    for round_id, group_side, question, total, n in (
        Answer.objects.filter(response__round__in=ids)
        .values_list("response__round", "response__side", "question")
        .annotate(total=Sum("score"), n=Count("id"))
        .order_by()
    ):
        sums.setdefault(round_id, {}).setdefault(question, {})[group_side] = [total, n]
    rows = []
    for round_ in rounds:
        shown_sides, together = shown_groups(counts.get(round_.pk, {}))
        shown = together if not side else side in shown_sides
        means = {}
        for question in Question.values:
            parts = sums.get(round_.pk, {}).get(question, {})
            if side:
                parts = {side: parts[side]} if side in parts else {}
            n = sum(p[1] for p in parts.values())
            means[question] = (
                round(sum(p[0] for p in parts.values()) / n, 2) if shown and n else None
            )
        rows.append(TrendRow(round=round_, means=means, shown=shown))
    return rows
