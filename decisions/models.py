"""Decisions and how they are made (cards 42, 17, 28).

A decided decision is a record: never edited, only superseded by a new decision that names it
and gives a reason (DESIGN.md, card 42).
"""

from django.conf import settings
from django.db import models

from workspaces.visibility import VisibleItem


class Decision(VisibleItem):
    """Entscheidung — a question put to a body, decided by an agreed procedure."""

    class Procedure(models.TextChoices):
        CONSENSUS = "consensus", "Konsens"
        CONSENT = "consent", "Konsent"
        MAJORITY = "majority", "Mehrheit"
        TWO_THIRDS = "two_thirds", "Zwei-Drittel-Mehrheit"
        SYSTEMIC = "systemic", "Systemisches Konsensieren"
        MEETING = "meeting", "Im Treffen entschieden"

    class Status(models.TextChoices):
        DRAFT = "draft", "In Vorbereitung"
        VOTING = "voting", "Abstimmung läuft"
        DECIDED = "decided", "Entschieden"
        REJECTED = "rejected", "Abgelehnt"
        SUPERSEDED = "superseded", "Ersetzt"

    class Abstentions(models.TextChoices):
        IGNORED = "ignored", "zählen nicht mit"
        AGAINST = "against", "zählen wie Nein"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="decisions"
    )
    # Nr. in the Beschlussbuch: counted per co-production (1, 2, 3 …), given when all members
    # first see the decision. A side-only draft has none yet: a number taken in secret would
    # show the other side a gap, and so that something is hidden from it (DESIGN.md).
    number = models.PositiveIntegerField("Nr.", null=True, blank=True)
    question = models.CharField("Frage", max_length=300)
    background = models.TextField("Hintergrund", blank=True)
    prepared_by = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prepared_decisions",
        verbose_name="Vorbereitet von",
    )
    body = models.ForeignKey(
        "structures.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name="Entscheidet",
    )
    mandate_note = models.TextField("Mandat", blank=True)
    procedure = models.CharField("Verfahren", max_length=20, choices=Procedure.choices)
    quorum = models.PositiveSmallIntegerField("Beschlussfähig ab (Stimmen)", default=0)
    abstentions = models.CharField(
        "Enthaltungen", max_length=10, choices=Abstentions.choices, default=Abstentions.IGNORED
    )
    opens_at = models.DateTimeField("Abstimmung ab", null=True, blank=True)
    closes_at = models.DateTimeField("Abstimmung bis", null=True, blank=True)
    consultation_override = models.TextField(
        "Begründung für eine Frist kürzer als die Rücksprachefrist", blank=True
    )
    status = models.CharField("Stand", max_length=20, choices=Status.choices, default=Status.DRAFT)
    outcome = models.TextField("Ergebnis", blank=True)
    reasons = models.TextField("Begründung", blank=True)
    tally = models.JSONField("Auszählung", default=dict, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name="Treffen",
    )
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="decisions")
    # A proposal to replace a decided decision; it replaces it only once it is itself decided.
    # Several proposals can name the same decision when earlier ones were rejected.
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacements",
        verbose_name="Ersetzt die Entscheidung",
    )
    supersede_reason = models.TextField("Warum wird sie ersetzt?", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["coproduction", "status", "-created_at"]),
            # The Beschlussbuch's order: a page of 20 without sorting the whole log.
            models.Index(fields=["coproduction", "-created_at", "-id"]),
            # Its count: the visibility filter answered from the index alone.
            models.Index(fields=["coproduction", "visibility", "owner_side"]),
            # The Kompass-Check's counts (no body, vote ended, decisions taken) from the index.
            models.Index(
                fields=[
                    "coproduction",
                    "status",
                    "body",
                    "closes_at",
                    "visibility",
                    "owner_side",
                    "version",
                ],
                name="decision_check_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["coproduction", "number"], name="one_number_per_decision"
            )
        ]

    def __str__(self):
        return self.question

    @property
    def number_label(self) -> str:
        return f"Nr. {self.number}" if self.number else "noch ohne Nr."

    # Both read the replacements the viewer may see (prefetched by the selectors), newest
    # first — sorted here, since the selectors fetch them by key without an order.
    def _replacements(self) -> list:
        return sorted(self.replacements.all(), key=lambda r: (r.created_at, r.pk), reverse=True)

    @property
    def superseded_by(self):
        """The decided decision that replaced this one, if any."""
        if self.status != self.Status.SUPERSEDED:
            return None
        passed = (self.Status.DECIDED, self.Status.SUPERSEDED)
        return next((r for r in self._replacements() if r.status in passed), None)

    @property
    def pending_replacement(self):
        """A proposal to replace this decision that is still being prepared or voted on."""
        pending = (self.Status.DRAFT, self.Status.VOTING)
        return next((r for r in self._replacements() if r.status in pending), None)


class Option(models.Model):
    """Option — one of the choices in systemic consensing; the passive option keeps things as
    they are."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    label = models.CharField("Option", max_length=300)
    passive = models.BooleanField("Passivlösung (alles bleibt, wie es ist)", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.label


class Vote(models.Model):
    """Stimme — one person's current vote on a decision; changes during the period are kept in
    the history, the row holds the latest."""

    class Choice(models.TextChoices):
        AGREE = "agree", "Zustimmung"
        CONCERNS = "concerns", "Zustimmung mit Bedenken"
        STAND_ASIDE = "stand_aside", "Beiseitestehen"
        VETO = "veto", "Veto"
        OBJECTION = "objection", "Schwerwiegender Einwand"
        YES = "yes", "Ja"
        NO = "no", "Nein"
        ABSTAIN = "abstain", "Enthaltung"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(
        "workspaces.Membership", on_delete=models.PROTECT, related_name="votes"
    )
    choice = models.CharField(max_length=20, choices=Choice.choices, blank=True)
    resistance = models.JSONField("Widerstandspunkte je Option", default=dict, blank=True)
    reason = models.TextField("Begründung", blank=True)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "membership"], name="one_vote_per_person")
        ]

    def __str__(self):
        return f"{self.membership}: {self.get_choice_display()}"
