from datetime import date, datetime
from functools import partial
from types import SimpleNamespace

from django.apps import apps
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
    # A vote cast or changed: it alters a tally and who still has to vote, nothing else — the
    # Kompass-Check and the overview's figures keep what they computed across it (kompass.kept).
    ballot = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            # The latest change of a co-production: the stamp of its data (Kompass-Check).
            models.Index(fields=["coproduction", "-id"], name="history_latest_change"),
            # The same without the ballots: the stamp of what the Kompass-Check reads.
            models.Index(fields=["coproduction", "ballot", "-id"], name="history_latest_data"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_label}"

    def readable_changes(self, viewer=None) -> list[tuple[str, str, str]]:
        """(field label, before, after) with choice labels, for people rather than machines.

        Linked items show their label only to a ``viewer`` who may see them now (or, if they
        were deleted, who could see them then); to others "(nicht sichtbar)"."""
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
            show = partial(_readable, choices=choices, field=field, viewer=viewer)
            rows.append((label, show(before), show(after)))
        return rows

    @property
    def actor_name(self) -> str:
        from accounts.names import display_name

        return display_name(self.actor)


HIDDEN = "(nicht sichtbar)"


def _linked(value: dict, viewer) -> str:
    from workspaces.visibility import sees

    model = apps.get_model(value["ref"])
    current = model._default_manager.filter(pk=value["pk"]).first()
    if current is None:
        # Deleted: as visible as it was when it went (its deletion entry says; its side is
        # fixed for life), else as when the link was recorded.
        gone = ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=value["pk"],
            action=ChangeRecord.Action.DELETED,
        ).first()
        last = (gone.changes.get("visibility") if gone else None) or [value["visibility"]]
        current = SimpleNamespace(visibility=last[0], owner_side=value["owner_side"])
    return value["label"] if sees(viewer, current) else HIDDEN


def _readable(value, *, choices: dict, field=None, viewer=None) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(value, dict) and "ref" in value:
        return _linked(value, viewer)
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return ", ".join(_readable(v, choices=choices, viewer=viewer) for v in value)
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
