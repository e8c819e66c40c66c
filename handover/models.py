"""Handovers when someone leaves or a mandate rotates (card 48, with 22 and 37)."""

from django.conf import settings
from django.db import models

from workspaces.visibility import VisibleItem


class Handover(VisibleItem):
    """Übergabe — a person leaving (or giving up a mandate) hands over to a successor: an
    overlap in which both work side by side, a checklist of what goes over (open tasks,
    relationships, documents, accounts) and the sign-off of both. Knowledge that lives in
    people leaves with them unless it is handed over on purpose (card 48); relationships
    are the capital of a co-production (card 22), and an induction of newcomers keeps it
    working (card 37). Visible to all members by default; side-only when it concerns a
    side's own matters — then both people belong to that side."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="handovers"
    )
    leaving = models.ForeignKey(
        "workspaces.Membership",
        on_delete=models.PROTECT,
        related_name="handovers_given",
        verbose_name="Wer geht oder abgibt",
    )
    successor = models.ForeignKey(
        "workspaces.Membership",
        on_delete=models.PROTECT,
        related_name="handovers_taken",
        verbose_name="Wer übernimmt",
    )
    # The mandate that rotates with this handover, if any. Structures' rotation hands a
    # mandate over on one day (its chain of holders rests on "ended the day the next began"),
    # so the overlap lives here, not in the mandate.
    mandate = models.ForeignKey(
        "structures.Mandate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers",
        verbose_name="Mandat, das rotiert",
    )
    overlap_from = models.DateField("Gemeinsame Zeit von", null=True, blank=True)
    overlap_to = models.DateField("Gemeinsame Zeit bis", null=True, blank=True)
    note = models.TextField("Was die Nachfolge wissen sollte", blank=True)
    leaving_signed_at = models.DateTimeField("Abgezeichnet von der abgebenden Person", null=True)
    successor_signed_at = models.DateTimeField("Abgezeichnet von der Nachfolge", null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Übergabe von {self.leaving} an {self.successor}"

    @property
    def signed(self) -> bool:
        return bool(self.leaving_signed_at and self.successor_signed_at)


class ChecklistItem(models.Model):
    """Punkt der Checkliste — one thing to hand over, ticked when done. Four defaults come
    with every handover (card 48); the two add their own."""

    class Kind(models.TextChoices):
        TASKS = "tasks", "Offene Aufgaben"
        RELATIONSHIPS = "relationships", "Beziehungen"
        DOCUMENTS = "documents", "Dokumente"
        ACCOUNTS = "accounts", "Zugänge"
        OWN = "own", "Eigener Punkt"

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField("Punkt", max_length=500)
    done = models.BooleanField("Erledigt", default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text
