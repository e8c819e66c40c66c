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

from django.db.models import Count, Q, Sum

from reflection.models import QUESTION_SHORT, SCALE, Answer, Question, Response
from workspaces.models import Side

MIN_GROUP = 3
TOO_FEW = "zu wenige Antworten für eine anonyme Auswertung"
# A round's page shows this many comments per group and question; all of them are on a page
# of their own (``group_comments``). Hundreds of comments, each shown once per side and once
# together, made a round of 600 members three times as costly as one of 24.
COMMENTS_SHOWN = 10


@dataclass
class QuestionResult:
    question: str
    label: str
    short: str
    mean: float
    distribution: list[tuple[int, str, int]]  # (score, label, how many)
    comments: list[str] = field(default_factory=list)

    @property
    def first_comments(self) -> list[str]:
        return self.comments[:COMMENTS_SHOWN]


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


def live_stats(round_ids) -> dict[int, dict]:
    """Per round: how many answered per side (``counts``) and per side and question the
    number of answers, their sum and how many chose each point (``stats``). Two queries for
    any number of rounds. A closed round keeps this as its ``summary`` (it never changes)."""
    data = {pk: {"counts": {}, "stats": {}} for pk in round_ids}
    for round_id, side, n in (
        Response.objects.filter(round__in=round_ids)
        .values_list("round", "side")
        .annotate(n=Count("id"))
        .order_by()
    ):
        data[round_id]["counts"][side] = n
    per_score = {f"s{s}": Count("id", filter=Q(score=s)) for s, _ in SCALE}
    rows = (
        Answer.objects.filter(response__round__in=round_ids)
        .values("response__round", "response__side", "question")
        .annotate(n=Count("id"), sum=Sum("score"), **per_score)
        .order_by()
    )
    for row in rows:
        stats = data[row.pop("response__round")]["stats"]
        stats.setdefault(row.pop("response__side"), {})[row.pop("question")] = row
    return data


def stats_for(rounds) -> dict[int, dict]:
    """``live_stats`` of ``rounds``, read from the summary a closed round keeps."""
    data = {r.pk: r.summary for r in rounds if r.summary}
    missing = [r.pk for r in rounds if not r.summary]
    return {**data, **(live_stats(missing) if missing else {})}


def _merged(parts: list[dict]) -> dict | None:
    """The stats of several groups for one question as one group's."""
    if not parts:
        return None
    keys = ["n", "sum", *(f"s{s}" for s, _ in SCALE)]
    return {key: sum(part[key] for part in parts) for key in keys}


def _question_results(stats: dict, comments: dict) -> list[QuestionResult]:
    results = []
    labels = dict(SCALE)
    for question, label in Question.choices:
        row = stats.get(question)
        if not row or not row["n"]:
            continue
        results.append(
            QuestionResult(
                question=question,
                label=label,
                short=QUESTION_SHORT[question],
                mean=round(row["sum"] / row["n"], 1),
                distribution=[(s, labels[s], row[f"s{s}"]) for s, _ in SCALE],
                comments=sorted(comments.get(question, []), key=str.casefold),
            )
        )
    return results


def round_results(round_, sides: list[str]) -> list[Group]:
    """Together first, then each of ``sides`` (the co-production's sides). One query for the
    comments, two more while a round has no summary yet."""
    data = stats_for([round_])[round_.pk]
    counts, by_side = data["counts"], data["stats"]
    shown_sides, together = shown_groups(counts)
    texts: dict[str, dict[str, list[str]]] = {}
    visible = list(counts) if together else [*shown_sides]
    for side, question, comment in (
        Answer.objects.filter(response__round=round_, response__side__in=visible)
        .exclude(comment="")
        .values_list("response__side", "question", "comment")
        .order_by()
    ):
        texts.setdefault(side, {}).setdefault(question, []).append(comment)
    groups = [
        Group(
            side="",
            label=side_label(""),
            count=sum(counts.values()),
            shown=together,
            questions=_question_results(
                {q: _merged([s[q] for s in by_side.values() if q in s]) for q in Question.values},
                {q: [c for t in texts.values() for c in t.get(q, [])] for q in Question.values},
            )
            if together
            else [],
        )
    ]
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


def group_comments(round_, side: str, question: str) -> tuple[bool, list[str]]:
    """All comments on ``question`` of the group ``side`` (empty: everyone together) of a
    closed round, sorted by their text — by the rules above, as ``round_results`` shows them:
    ``(False, [])`` where the group is not shown."""
    counts = stats_for([round_])[round_.pk]["counts"]
    shown_sides, together = shown_groups(counts)
    if not (side in shown_sides if side else together):
        return False, []
    comments = (
        Answer.objects.filter(
            response__round=round_,
            response__side__in=[side] if side else list(counts),
            question=question,
        )
        .exclude(comment="")
        .values_list("comment", flat=True)
        .order_by()
    )
    return True, sorted(comments, key=str.casefold)


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
    (empty: together) — only where that group is shown by the rules above. Read from the
    rounds' summaries: no query for rounds that have one, two for all others."""
    data = stats_for(rounds)
    rows = []
    for round_ in rounds:
        counts, stats = data[round_.pk]["counts"], data[round_.pk]["stats"]
        shown_sides, together = shown_groups(counts)
        shown = side in shown_sides if side else together
        means = {}
        for question in Question.values:
            groups = [stats[side]] if side in stats else [] if side else list(stats.values())
            merged = _merged([g[question] for g in groups if question in g])
            ok = shown and merged and merged["n"]
            means[question] = round(merged["sum"] / merged["n"], 2) if ok else None
        rows.append(TrendRow(round=round_, means=means, shown=shown))
    return rows
