"""Meetings: scheduling polls, agenda, minutes, calendar (cards 26, 44, 50)."""

import secrets

from django.db import models
from django.utils import timezone

from workspaces.visibility import VisibleItem


class SchedulePoll(VisibleItem):
    """Terminumfrage — proposed dates, each answered yes / if need be / no by the members."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="schedule_polls"
    )
    title = models.CharField("Wofür sucht ihr einen Termin?", max_length=200)
    closed = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    HISTORY_LABELS = {"dates": "Terminvorschlag", "closed": "Abgeschlossen"}

    def __str__(self):
        return self.title


class ProposedDate(models.Model):
    class Slot(models.TextChoices):
        WORKING_HOURS = "working_hours", "Arbeitszeit"
        EVENING = "evening", "Abends"
        WEEKEND = "weekend", "Wochenende"

    poll = models.ForeignKey(SchedulePoll, on_delete=models.CASCADE, related_name="dates")
    starts_at = models.DateTimeField("Beginn")
    ends_at = models.DateTimeField("Ende")
    slot = models.CharField("Zeitfenster", max_length=20, choices=Slot.choices)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        # Local time: the label of the answer form and of the history, read by people.
        starts_at = timezone.localtime(self.starts_at) if self.starts_at else self.starts_at
        return f"{starts_at:%d.%m.%Y %H:%M} ({self.get_slot_display()})"


class Availability(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", "Ja"
        IF_NEED_BE = "if_need_be", "Wenn es sein muss"
        NO = "no", "Nein"

    date = models.ForeignKey(ProposedDate, on_delete=models.CASCADE, related_name="answers")
    membership = models.ForeignKey(
        "workspaces.Membership", on_delete=models.CASCADE, related_name="availabilities"
    )
    answer = models.CharField(max_length=20, choices=Answer.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date", "membership"], name="one_answer_per_date")
        ]

    def __str__(self):
        return self.get_answer_display()


class Meeting(VisibleItem):
    """Treffen — in person, online or hybrid; controversial topics better in person (card 50)."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In Präsenz"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="meetings"
    )
    body = models.ForeignKey(
        "structures.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name="Gremium",
    )
    poll = models.OneToOneField(
        SchedulePoll, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting"
    )
    title = models.CharField("Titel", max_length=200)
    starts_at = models.DateTimeField("Beginn")
    ends_at = models.DateTimeField("Ende")
    format = models.CharField("Form", max_length=20, choices=Format.choices)
    place = models.CharField("Ort", max_length=300, blank=True)
    link = models.URLField("Link zum Online-Treffen", blank=True)
    informal_minutes = models.PositiveSmallIntegerField(
        "Zeit für informellen Austausch (Minuten)", default=15
    )
    uid = models.CharField(max_length=64, unique=True, default=secrets.token_hex)
    sequence = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    HISTORY_LABELS = {"agenda": "Tagesordnung"}

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(
                fields=["coproduction", "visibility", "owner_side"],
                name="meeting_visibility_idx",
            )
        ]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField("Punkt", max_length=300)
    responsible = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Verantwortlich",
    )
    may_lead_to_decision = models.BooleanField("Kann zu einer Entscheidung führen", default=False)
    conflict = models.ForeignKey(
        "conflicts.Conflict",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        verbose_name="Konflikt",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class Minutes(models.Model):
    """Protokoll — drafted, amended by attendees, then approved; approved minutes are final."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        APPROVED = "approved", "Genehmigt"

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField("Protokoll", blank=True)
    attendees = models.ManyToManyField(
        "workspaces.Membership", blank=True, related_name="attended", verbose_name="Anwesend"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    HISTORY_LABELS = {"status": "Stand"}

    def __str__(self):
        return f"Protokoll: {self.meeting}"

    @property
    def coproduction_id(self) -> int:
        """For the history: minutes belong to their meeting's co-production."""
        return self.meeting.coproduction_id


class CalendarToken(models.Model):
    """The secret in a member's personal calendar feed URL; renewing it revokes the old one."""

    membership = models.OneToOneField(
        "workspaces.Membership", on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    def __str__(self):
        return f"Kalender von {self.membership}"
