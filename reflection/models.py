"""Regular reflection and collective learning (cards 46, 11, 24, 36, 52).

The partners agree how often they look back together; each round asks every member the same
questions, answered on a scale with an optional comment. Answers are anonymous: they are shown
only in aggregate and only for groups of at least three (``reflection/results.py``), and the
link between an answer and its member is erased when the round closes.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from workspaces.models import Side
from workspaces.visibility import VisibleItem


class Question(models.TextChoices):
    """The fixed questions of every round, in the words of the cards (46, 11, 24, 36)."""

    GOALS = "goals", "Werden die gemeinsamen Ziele noch von allen getragen?"
    PROGRESS = "progress", "Sind wir dem Erreichen unserer Ziele nähergekommen?"
    STRUCTURES = (
        "structures",
        "Passen die Strukturen der Zusammenarbeit noch zu unseren Organisationen und Ressourcen?",
    )
    LEARNING = "learning", "Lernen wir gemeinsam – und wissen wir, was wir gelernt haben?"
    CONFLICT = "conflict", "Können wir Konflikte austragen und trotzdem zusammenarbeiten?"
    OPPORTUNITIES = (
        "opportunities",
        "Sind die Chancen der Ko-Produktion noch da: Innovation, bessere Daseinsvorsorge, "
        "Demokratie?",
    )


# The card each question comes from, and a short name for charts and tables.
QUESTION_CARDS = {
    Question.GOALS: 46,
    Question.PROGRESS: 46,
    Question.STRUCTURES: 46,
    Question.LEARNING: 36,
    Question.CONFLICT: 24,
    Question.OPPORTUNITIES: 11,
}
QUESTION_SHORT = {
    Question.GOALS: "Ziele getragen",
    Question.PROGRESS: "Ziele nähergekommen",
    Question.STRUCTURES: "Strukturen passen",
    Question.LEARNING: "Gemeinsam gelernt",
    Question.CONFLICT: "Konflikte austragbar",
    Question.OPPORTUNITIES: "Chancen da",
}
SCALE = [
    (1, "gar nicht"),
    (2, "eher nicht"),
    (3, "teils, teils"),
    (4, "eher ja"),
    (5, "voll und ganz"),
]


class ReflectionSettings(models.Model):
    """Reflexionsrhythmus — how often the partners agreed to reflect together (card 46:
    „zu vorher festgelegten Zeitpunkten“). One per co-production, set by the coordination."""

    coproduction = models.OneToOneField(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="reflection_settings"
    )
    interval_months = models.PositiveSmallIntegerField(
        "Alle wie viele Monate reflektiert ihr gemeinsam?",
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self):
        return "Reflexionsrhythmus"


class ReflectionRound(VisibleItem):
    """Reflexionsrunde — a period in which every member answers the questions (card 46). Seen
    by all members; its results only once it is closed, so that nobody can watch an average
    move when a colleague answers."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="reflection_rounds"
    )
    title = models.CharField("Titel", max_length=200)
    opens_on = models.DateField("Beginnt am")
    closes_on = models.DateField("Endet am")
    # Set when the round was closed: early by the coordination or by the worker after its end.
    closed_at = models.DateTimeField("Abgeschlossen am", null=True, blank=True)
    # Kept when the round closes: answers counted per side and question (results.live_stats),
    # so results and trends never aggregate a closed round's answers again.
    summary = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["coproduction", "-opens_on"])]

    def __str__(self):
        return self.title

    def is_planned(self, today=None) -> bool:
        return (today or timezone.localdate()) < self.opens_on and self.closed_at is None

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def is_closed(self, today=None) -> bool:
        return self.closed_at is not None or (today or timezone.localdate()) > self.closes_on

    def state_label(self) -> str:
        if self.is_closed():
            return "abgeschlossen"
        return "läuft" if self.is_open() else "geplant"


class Response(models.Model):
    """Antwort — one member's answers to one round. ``membership`` exists only so that each
    member answers once and can change their answers while the round runs; no page, export,
    mail or history entry ever reads it — but the member's own answer form and their own data
    page (``reflection/personal_data.py``) —, and closing the round erases it. ``side`` is kept:
    results are shown per side (for groups of at least three). No time is stored, so the order
    of answers cannot be matched with who was online when."""

    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="responses")
    membership = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "membership"],
                condition=models.Q(membership__isnull=False),
                name="reflection_one_response_per_member",
            )
        ]

    def __str__(self):
        return "Antwort"


class Answer(models.Model):
    """The answer to one question: a point on the scale and an optional comment."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=20, choices=Question.choices)
    score = models.PositiveSmallIntegerField(
        choices=SCALE, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="reflection_one_answer")
        ]

    def __str__(self):
        return "Antwort auf eine Frage"


class Consequence(VisibleItem):
    """Konsequenz — what the partners agreed after a round: a task, a decision to take, a goal
    to change (card 46: changes „abgesprochen und nicht einseitig verkündet“). Seen by all
    members; it may name a decision or a goal that all of them see (``may_link``)."""

    class Kind(models.TextChoices):
        TASK = "task", "Aufgabe"
        DECISION = "decision", "Entscheidung"
        GOAL = "goal", "Zieländerung"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="reflection_consequences"
    )
    round = models.ForeignKey(
        ReflectionRound,
        on_delete=models.CASCADE,
        related_name="consequences",
        verbose_name="Reflexionsrunde",
    )
    kind = models.CharField("Art", max_length=10, choices=Kind.choices, default=Kind.TASK)
    text = models.TextField("Was habt ihr vereinbart?")
    owner = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflection_consequences",
        verbose_name="Wer kümmert sich?",
    )
    due_on = models.DateField("Bis wann?", null=True, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflection_consequences",
        verbose_name="Entscheidung",
    )
    goal = models.ForeignKey(
        "goals.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflection_consequences",
        verbose_name="Ziel",
    )
    done = models.BooleanField("Erledigt", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["done", "due_on", "id"]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"


class Evaluation(VisibleItem):
    """Auswertung — what the coordination writes about a closed round; published, it is the
    honest evaluation towards the public that card 52 asks for."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="reflection_evaluations"
    )
    round = models.OneToOneField(
        ReflectionRound, on_delete=models.CASCADE, related_name="evaluation"
    )
    text = models.TextField("Auswertung")
    version = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"Auswertung: {self.round}"
