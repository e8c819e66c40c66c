"""Positions and their funding, and what follows when they end (cards 20, 21, 22, 26, 34, 35).

Amounts and personal employment details are a side's own business until it shares them: both
kinds of item start side-only and belong to the side of their partner (workspaces.visibility).
"""

from django.db import models

from workspaces.visibility import VisibleItem


class Position(VisibleItem):
    """Stelle — time a partner releases for the co-production: a paid position or a volunteer
    role, an administration's share of working time (cards 20, 26) or a civil-society group's
    first paid post (card 21). Held by a member, by someone from outside, or still vacant."""

    class Pay(models.TextChoices):
        PAID = "paid", "Bezahlt"
        VOLUNTEER = "volunteer", "Ehrenamtlich"

    class Contract(models.TextChoices):
        EMPLOYMENT = "employment", "Anstellung"
        FEE = "fee", "Honorar"
        ALLOWANCE = "allowance", "Aufwandsentschädigung"
        NONE = "none", "Keine"

    class Filling(models.TextChoices):
        GROUP = "group", "Aus der Gruppe"
        OUTSIDE = "outside", "Von außen"
        VACANT = "vacant", "Unbesetzt"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="positions"
    )
    partner = models.ForeignKey(
        "workspaces.Partner", on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField("Bezeichnung der Stelle", max_length=200)
    tasks = models.TextField("Aufgaben in der Ko-Produktion", blank=True)
    filling = models.CharField("Besetzt", max_length=10, choices=Filling.choices)
    holder = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
        verbose_name="Wer hat die Stelle?",
    )
    pay = models.CharField("Bezahlt oder ehrenamtlich", max_length=10, choices=Pay.choices)
    contract = models.CharField("Vertragsform", max_length=12, choices=Contract.choices)
    hours_per_week = models.DecimalField(
        "Stunden pro Woche", max_digits=4, decimal_places=1, null=True, blank=True
    )
    share_percent = models.PositiveSmallIntegerField(
        "Anteil der Arbeitszeit in Prozent", null=True, blank=True
    )
    start_date = models.DateField("Beginn", null=True, blank=True)
    end_date = models.DateField("Ende", null=True, blank=True)
    successor = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="succeeding_positions",
        verbose_name="Wer übernimmt die Aufgaben, wenn die Stelle endet?",
    )
    handover = models.TextField("Wie gehen Aufgaben und Wissen über?", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["end_date", "id"]
        indexes = [models.Index(fields=["coproduction", "end_date"])]

    def __str__(self):
        return self.title

    @property
    def time_share(self) -> str:
        parts = []
        if self.hours_per_week is not None:
            parts.append(f"{self.hours_per_week.normalize():f} Std./Woche".replace(".", ","))
        if self.share_percent is not None:
            parts.append(f"{self.share_percent} %")
        return " · ".join(parts)

    @property
    def follow_up_settled(self) -> bool:
        return bool(self.successor_id or self.handover.strip())


class Funding(VisibleItem):
    """Finanzierung — money for the co-production: from the budget, a programme, a foundation,
    a research project or own means, for a period, paying positions, material or rooms, with
    its conditions and the dependency it creates (card 22). Most funding ends: what follows —
    another funding, the budget, the regular structures, or the end — is decided in time
    (cards 22, 34, 35)."""

    class Source(models.TextChoices):
        BUDGET = "budget", "Haushalt"
        PROGRAMME = "programme", "Förderprogramm"
        FOUNDATION = "foundation", "Stiftung"
        RESEARCH = "research", "Forschungsprojekt"
        OWN = "own", "Eigenmittel"
        OTHER = "other", "Sonstiges"

    class Covers(models.TextChoices):
        STAFF = "staff", "Personal"
        MATERIAL = "material", "Sachmittel und Material"
        ROOMS = "rooms", "Räume"
        OTHER = "other", "Anderes"

    class Path(models.TextChoices):
        FOLLOW_ON = "follow_on", "Anschlussfinanzierung"
        BUDGET = "budget", "Verstetigung in den Haushalt"
        REGULAR = "regular", "Übergabe an Regelstrukturen"
        END = "end", "Ende"

    HISTORY_CHOICES = {"covers": Covers.choices}
    HISTORY_LABELS = {"positions": "Bezahlte Stellen"}

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="fundings"
    )
    partner = models.ForeignKey(
        "workspaces.Partner", on_delete=models.PROTECT, related_name="fundings"
    )
    title = models.CharField("Bezeichnung der Finanzierung", max_length=200)
    source = models.CharField("Quelle", max_length=12, choices=Source.choices)
    funder = models.CharField("Geldgeber:in", max_length=200, blank=True)
    amount = models.DecimalField(
        "Betrag in Euro", max_digits=12, decimal_places=2, null=True, blank=True
    )
    start_date = models.DateField("Beginn", null=True, blank=True)
    end_date = models.DateField("Ende", null=True, blank=True)
    covers = models.JSONField("Was sie bezahlt", default=list, blank=True)
    positions = models.ManyToManyField(
        Position, blank=True, related_name="fundings", verbose_name="Bezahlte Stellen"
    )
    conditions = models.TextField("Auflagen und Bedingungen", blank=True)
    reporting = models.TextField("Berichte und Fristen", blank=True)
    dependency = models.TextField("Wen macht sie von wem abhängig?", blank=True)
    follow_up = models.CharField(
        "Wie geht es weiter, wenn sie endet?", max_length=12, choices=Path.choices, blank=True
    )
    follow_up_owner = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_follow_ups",
        verbose_name="Wer kümmert sich darum?",
    )
    decide_by = models.DateField("Entschieden bis", null=True, blank=True)
    follow_up_note = models.TextField("Anmerkungen zum Anschluss", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["end_date", "id"]
        indexes = [models.Index(fields=["coproduction", "end_date"])]

    def __str__(self):
        return self.title

    @property
    def follow_up_settled(self) -> bool:
        return bool(self.follow_up)

    def covers_labels(self) -> list[str]:
        labels = dict(self.Covers.choices)
        return [labels[c] for c in self.covers if c in labels]


class EndReminder(models.Model):
    """One reminder that a funding or position ends (6, 3 or 1 month before) reached one
    member: recorded so each is sent once per person and end date."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="+"
    )
    item_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    item_id = models.PositiveBigIntegerField()
    ends_on = models.DateField()
    months = models.PositiveSmallIntegerField()
    membership = models.ForeignKey(
        "workspaces.Membership", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id", "ends_on", "months", "membership"],
                name="one_end_reminder_per_person",
            )
        ]

    def __str__(self):
        return f"Ende in {self.months} Monaten ({self.ends_on})"
