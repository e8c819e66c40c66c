"""Further actors who are not partners: the stakeholder register (cards 47, 38, 28, 23, 49)."""

from django.db import models

from workspaces.visibility import VisibleItem


class Closeness(models.TextChoices):
    NEAR = "near", "nah"
    MIDDLE = "middle", "mittel"
    FAR = "far", "fern"


class Actor(VisibleItem):
    """Weiterer Akteur — someone the co-production needs who is not a partner: affected people
    and their organisations (card 23), politics, other administrations, networks, funders,
    researchers, external supporters (card 49). The register answers card 47's questions:
    why they would join, who approaches them and through which channel, their tasks, their
    relation to each partner, a seat in a body and what they may decide there, and the
    dependencies and limits they bring (card 28).

    Contact data of a person is seen only by the members who work with it (access
    Koordination or Mitglied), unless ``contact_public`` opens it to everyone who sees the
    actor (observers, researchers, the public page). It never enters the history."""

    class Kind(models.TextChoices):
        AFFECTED = "affected", "Betroffene"
        AFFECTED_ORG = "affected_org", "Organisation von Betroffenen"
        POLITICS = "politics", "Politik"
        ADMINISTRATION = "administration", "Weitere Verwaltung"
        NETWORK = "network", "Netzwerk, Verband, Initiative"
        FUNDER = "funder", "Geldgeber:in, Stiftung"
        RESEARCH = "research", "Wissenschaft"
        SUPPORT = "support", "Externe Unterstützung (Moderation, Mediation, Steuerung)"
        OTHER = "other", "Andere"

    class Influence(models.TextChoices):
        HIGH = "high", "hoch"
        MIDDLE = "middle", "mittel"
        LOW = "low", "gering"

    class Seat(models.TextChoices):
        PERMANENT = "permanent", "dauerhaft"
        OCCASIONAL = "occasional", "punktuell"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="actors"
    )
    name = models.CharField("Name", max_length=200)
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    role = models.CharField("Rolle", max_length=300, blank=True)
    scope = models.CharField("Umfang der Unterstützung", max_length=300, blank=True)
    why_join = models.TextField("Warum sollten sie mitmachen, was haben sie davon?", blank=True)
    approached_by = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approached_actors",
        verbose_name="Wer übernimmt die Ansprache?",
    )
    channel = models.CharField("Kommunikationsweg", max_length=300, blank=True)
    channel_owner = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actor_channels",
        verbose_name="Wer verantwortet den Kommunikationsweg?",
    )
    tasks = models.TextField("Aufgaben", blank=True)
    seat = models.CharField(
        "Sitz in einem Gremium", max_length=20, choices=Seat.choices, blank=True
    )
    body = models.ForeignKey(
        "structures.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seated_actors",
        verbose_name="Gremium",
    )
    may_decide = models.TextField("Was dürfen sie dort entscheiden?", blank=True)
    dependencies = models.TextField("Abhängigkeiten und Grenzen, die sie mitbringen", blank=True)
    closeness = models.CharField(
        "Nähe zur Ko-Produktion", max_length=10, choices=Closeness.choices, default="middle"
    )
    influence = models.CharField(
        "Einfluss", max_length=10, choices=Influence.choices, default=Influence.MIDDLE
    )
    contact_person = models.CharField("Ansprechperson", max_length=200, blank=True)
    contact_email = models.EmailField("E-Mail", max_length=254, blank=True)
    contact_phone = models.CharField("Telefon", max_length=50, blank=True)
    contact_public = models.BooleanField("Kontaktdaten öffentlich", default=False)
    created_at = models.DateTimeField("Eingetragen am", auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    HISTORY_LABELS = {"relations": "Verhältnis zu den Partner:innen"}

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class ActorRelation(models.Model):
    """Verhältnis — how one actor stands to one partner of the co-production (card 47:
    „Welches Verhältnis haben die neuen Akteure zu den Partner:innen?“). Seen with its actor."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations")
    partner = models.ForeignKey(
        "workspaces.Partner", on_delete=models.CASCADE, related_name="actor_relations"
    )
    text = models.CharField("Verhältnis", max_length=300, blank=True)
    closeness = models.CharField("Nähe", max_length=10, choices=Closeness.choices)

    class Meta:
        ordering = ["partner__side", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "partner"], name="one_relation_per_partner")
        ]

    def __str__(self):
        return f"{self.partner}: {self.get_closeness_display()}"
