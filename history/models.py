from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone


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

    def readable_changes(self) -> list[tuple[str, str, str]]:
        """(field label, before, after) with choice labels, for people rather than machines."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        extra_choices = getattr(model, "HISTORY_CHOICES", {})
        # Labels for recorded names without a German verbose name (related lists, flags).
        extra_labels = getattr(model, "HISTORY_LABELS", {})
        rows = []
        for name, (before, after) in self.changes.items():
            try:
                field = model._meta.get_field(name)
                label = extra_labels.get(name) or str(getattr(field, "verbose_name", name))
                choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
            except (FieldDoesNotExist, AttributeError):
                field, label, choices = None, extra_labels.get(name, name), {}
            choices = {**choices, **dict(extra_choices.get(name, []))}
            show = partial(_readable, choices=choices, field=field)
            rows.append((label, show(before), show(after)))
        return rows

    @property
    def actor_name(self) -> str:
        from accounts.names import display_name

        return display_name(self.actor)


def _readable(value, *, choices: dict, field=None) -> str:
    if value in (None, "", []):
        return "–"
    # Dates are recorded in ISO form; people read them the German way, in local time.
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return timezone.localtime(datetime.fromisoformat(value)).strftime("%d.%m.%Y %H:%M")
    if isinstance(field, models.DateField) and isinstance(value, str):
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if value is True:
        return "ja"
    if value is False:
        return "nein"
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value)
    return str(choices.get(value, value))
