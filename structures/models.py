"""Intensity of the collaboration per phase, bodies and mandates (cards 40, 41, 17, 18)."""

from django.conf import settings
from django.db import models

from decisions.models import Decision
from workspaces.visibility import VisibleItem


class PhasePlan(VisibleItem):
    """Intensität — for one phase of the co-production: is it done jointly, and what each side
    can put in (card 40)."""

    class Phase(models.TextChoices):
        PROBLEM_DEFINITION = "problem_definition", "Problemdefinition"
        CO_PLANNING = "co_planning", "Ko-Planung"
        CO_DESIGN = "co_design", "Ko-Design"
        CO_IMPLEMENTATION = "co_implementation", "Ko-Umsetzung"
        CO_EVALUATION = "co_evaluation", "Ko-Evaluation"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="phase_plans"
    )
    phase = models.CharField("Phase", max_length=30, choices=Phase.choices)
    joint = models.BooleanField("Gemeinsam", default=True)
    administration_part = models.TextField("Was die Verwaltung einbringen kann", blank=True)
    civil_society_part = models.TextField("Was die Zivilgesellschaft einbringen kann", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coproduction", "phase"], name="one_plan_per_phase")
        ]

    def __str__(self):
        return self.get_phase_display()


class Body(VisibleItem):
    """Gremium — a standing committee of the co-production: plenary or working group (card 41).
    Making bodies public shows who decides (cards 17, 18)."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", "Plenum"
        WORKING_GROUP = "working_group", "Arbeitsgruppe"
        STEERING = "steering", "Steuerungsgruppe"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="bodies"
    )
    name = models.CharField("Name", max_length=200)
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    purpose = models.TextField("Wozu gibt es das Gremium?", blank=True)
    meeting_rhythm = models.CharField("Wie oft trifft es sich?", max_length=200, blank=True)
    members = models.ManyToManyField(
        "workspaces.Membership", blank=True, related_name="bodies", verbose_name="Mitglieder"
    )
    # How the body decides and from how many votes it has a quorum, agreed once (card 42);
    # empty until agreed. The procedures are those a decision can take (decisions app).
    decision_procedure = models.CharField(
        "Vereinbartes Entscheidungsverfahren",
        max_length=20,
        choices=Decision.Procedure.choices,
        blank=True,
    )
    quorum = models.PositiveSmallIntegerField(
        "Beschlussfähig ab (Stimmen)",
        null=True,
        blank=True,
        help_text="Leer, solange ihr es nicht vereinbart habt; 0 heißt: ohne Mindestzahl.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Mandate(models.Model):
    """Mandat — who represents which partner in which body, what they may decide alone and what
    needs Rücksprache at home (card 41). Rotating a mandate ends one row and starts the next, so
    the history of who held it stays."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="mandates"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="mandates")
    partner = models.ForeignKey(
        "workspaces.Partner", on_delete=models.CASCADE, related_name="mandates"
    )
    holder = models.ForeignKey(
        "workspaces.Membership",
        on_delete=models.PROTECT,
        related_name="mandates",
        verbose_name="Mandatsträger:in",
    )
    may_decide_alone = models.TextField("Darf allein entscheiden über", blank=True)
    needs_consultation = models.TextField("Braucht Rücksprache bei", blank=True)
    political_office = models.BooleanField("Politisches Mandat (Rat, Ausschuss)", default=False)
    rotates = models.BooleanField("Rotierendes Mandat", default=False)
    started_on = models.DateField("Seit")
    ended_on = models.DateField("Bis", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["body__name", "partner__name", "-started_on"]

    def __str__(self):
        return f"{self.partner} in {self.body}"

    @property
    def current(self) -> bool:
        return self.ended_on is None

    @property
    def owner_side(self) -> str:
        """A mandate has no visibility of its own: it belongs where its body belongs."""
        return self.body.owner_side
