"""The conflict register (cards 24, 43, 49, 33)."""

from django.db import models

from workspaces.visibility import VisibleItem


class Conflict(VisibleItem):
    """Konflikt — a disputed point worked on instead of blocking everything (card 43)."""

    class Status(models.TextChoices):
        OPEN = "open", "Offen"
        MODERATION = "moderation", "In Moderation"
        MEDIATION = "mediation", "In Mediation"
        RESOLVED = "resolved", "Gelöst"
        PARKED = "parked", "Zurückgestellt"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="conflicts"
    )
    title = models.CharField("Strittiger Punkt", max_length=300)
    administration_position = models.TextField(
        "Position der Verwaltung und woher sie kommt", blank=True
    )
    civil_society_position = models.TextField(
        "Position der Zivilgesellschaft und woher sie kommt", blank=True
    )
    external_obstacles = models.TextField("Äußere Hindernisse", blank=True)
    status = models.CharField("Stand", max_length=20, choices=Status.choices, default=Status.OPEN)
    steps = models.TextField("Bisherige Schritte", blank=True)
    external_support = models.TextField("Externe Unterstützung (Moderation, Mediation)", blank=True)
    resolution = models.TextField("Lösung", blank=True)
    resolved_by = models.ForeignKey(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolved_conflicts",
        verbose_name="Entschieden durch",
    )
    created_at = models.DateTimeField("Eingetragen am", auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["status", "-id"]

    def __str__(self):
        return self.title


class ConflictAgreement(models.Model):
    """Umgang mit Konflikten — how the partners agreed to handle disputes before one arises:
    who can call for moderation, when mediation from outside comes in, how an open conflict
    reaches an agenda (cards 43, 24, 49). One per co-production, seen by all its members."""

    coproduction = models.OneToOneField(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="conflict_agreement"
    )
    text = models.TextField(
        "So gehen wir mit Konflikten um",
        help_text="Zum Beispiel: Wer einen Konflikt sieht, trägt ihn ein; nach vier Wochen "
        "kommt er auf die Tagesordnung des Plenums; kommen wir nicht weiter, holen wir eine "
        "externe Moderation dazu.",
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self):
        return "Umgang mit Konflikten"
