from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ChangeRecord(models.Model):
    """Änderung — one recorded change of a workspace item: who, when, what before and after.

    Written only by services (``history.services.record_change``) in the same transaction as
    the change itself, so history and data never disagree.
    """

    class Action(models.TextChoices):
        CREATED = "created", "angelegt"
        UPDATED = "updated", "geändert"
        DELETED = "deleted", "gelöscht"
        SHARED = "shared", "geteilt"
        JOINED = "joined", "beigetreten"
        LEFT = "left", "ausgetreten"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="changes"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    object_label = models.CharField(max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_label}"

    @property
    def actor_name(self) -> str:
        from accounts.names import display_name

        return display_name(self.actor)
