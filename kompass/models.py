"""What the Kompass-Check stores: findings a coordinator set aside on purpose."""

from django.conf import settings
from django.db import models

from workspaces.visibility import VisibleItem


class SetAside(VisibleItem):
    """Bewusst offen — a coordinator left a finding open on purpose and said why.

    ``fingerprint`` is the state the finding saw (``Problem.fingerprint``): once that state
    changes, the finding is open again. A set-aside is seen by the same audience as its
    finding: a finding about a side-only item is set aside for that side only."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="set_asides"
    )
    rule_id = models.CharField("Prüfpunkt", max_length=100)
    fingerprint = models.CharField(max_length=64)
    reason = models.TextField("Warum bleibt es bewusst offen?", max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    HISTORY_LABELS = {"rule_id": "Prüfpunkt"}

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["coproduction", "rule_id"])]

    def __str__(self):
        return f"Bewusst offen: {self.rule_id}"


class DigestState(models.Model):
    """What the last weekly digest told a member: when it went out and which findings it named
    (``rule:fingerprint``), so the next one can say what is new and what is still open."""

    membership = models.OneToOneField(
        "workspaces.Membership", on_delete=models.CASCADE, related_name="digest_state"
    )
    sent_at = models.DateTimeField()
    findings = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"Zusammenfassung an {self.membership_id}, {self.sent_at:%Y-%m-%d}"
