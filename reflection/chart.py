"""The trend chart as inline SVG, drawn on the server (no JavaScript): one line per question
over the rounds, the scale 1–5 upwards. Lines differ in colour *and* dash pattern, so they
are told apart without colour too; the table beside it says the same in text."""

from reflection.models import QUESTION_SHORT, Question

# A narrow drawing scales down to 360 px screens with readable labels.
WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 12, 28
# Colours with at least 3:1 contrast on white; dash patterns for those who do not see them.
STYLES = [
    ("#1f5fa8", ""),
    ("#b3261e", "6 3"),
    ("#2e7d32", "2 3"),
    ("#6a3d9a", "8 3 2 3"),
    ("#8a5a00", "10 4"),
    ("#00695c", "1 2"),
]


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count == 1 else inner * index / (count - 1))


def _y(value: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (5 - value) / 4


def trend_chart(rows) -> dict:
    """What the template draws for ``rows`` (results.TrendRow, oldest first)."""
    count = len(rows)
    lines = []
    for (question, _), (colour, dash) in zip(Question.choices, STYLES, strict=True):
        points = [
            (round(_x(i, count), 1), round(_y(row.means[question]), 1))
            for i, row in enumerate(rows)
            if row.means.get(question) is not None
        ]
        lines.append(
            {
                "label": QUESTION_SHORT[question],
                "colour": colour,
                "dash": dash,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": points,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "grid": [{"value": v, "y": round(_y(v), 1)} for v in range(1, 6)],
        "ticks": [
            {"x": round(_x(i, count), 1), "label": row.round.opens_on.strftime("%m/%y")}
            for i, row in enumerate(rows)
        ],
        "tick_y": HEIGHT - BOTTOM + 16,
        "lines": lines,
    }
