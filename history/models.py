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
    # Kompass-Check and the overview's figures keep what they computed across it (history.kept).
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
            # Which objects of a kind were edited (the Kompass-Check's changed joint goals).
            models.Index(
                fields=["coproduction", "content_type", "action", "object_id"],
                name="history_edited_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_label}"

    def readable_changes(self, viewer=None) -> list[tuple[str, str, str]]:
        """(field label, before, after) with choice labels, for people rather than machines.

        Linked items show their label only to a ``viewer`` who may see them now (or, if they
        were deleted, who could see them then); to others "(nicht sichtbar)". An entry of
        ``history.services.shown_history`` looks its linked items up with those of the
        entries shown beside it."""
        linked = getattr(self, "linked", None) or LinkedItems([self])
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
            show = partial(_readable, choices=choices, field=field, viewer=viewer, linked=linked)
            rows.append((label, show(before), show(after)))
        return rows

    @property
    def actor_name(self) -> str:
        from accounts.names import display_name

        return display_name(self.actor)


HIDDEN = "(nicht sichtbar)"


def _references(value):
    """The linked items (``history.services.reference``) a recorded value holds."""
    if isinstance(value, dict) and "ref" in value:
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


class LinkedItems:
    """The items linked from some history entries, as visible as they are now — or, if they
    were deleted, as they were when they went (their deletion entry says; an item's side is
    fixed for life), else as when the link was recorded. Looked up on first use: per kind of
    item one query for those that still exist and one for the deletions of those that went,
    however many entries and links."""

    def __init__(self, entries):
        self.entries = entries
        self._found = None

    def _look_up(self) -> dict:
        wanted: dict[str, set] = {}
        for entry in self.entries:
            for before_after in entry.changes.values():
                for value in _references(before_after):
                    wanted.setdefault(value["ref"], set()).add(value["pk"])
        found = {}
        for ref, pks in wanted.items():
            model = apps.get_model(ref)
            rows = model._default_manager.filter(pk__in=pks).values(
                "pk", "visibility", "owner_side", "coproduction_id"
            )
            for row in rows.order_by():
                found[(ref, row["pk"])] = SimpleNamespace(**row)
            gone = [pk for pk in pks if (ref, pk) not in found]
            if gone:
                deletions = ChangeRecord.objects.filter(
                    content_type=ContentType.objects.get_for_model(model),
                    object_id__in=gone,
                    action=ChangeRecord.Action.DELETED,
                ).values_list("object_id", "changes")
                for pk, changes in deletions.order_by("id"):
                    if went := changes.get("visibility"):
                        found[(ref, pk)] = went[0]
        return found

    def sees(self, viewer, value: dict) -> bool:
        from workspaces.visibility import sees

        if self._found is None:
            self._found = self._look_up()
        item = self._found.get((value["ref"], value["pk"]), value["visibility"])
        if isinstance(item, str):  # deleted: the visibility it went with, or was linked with
            item = SimpleNamespace(visibility=item, owner_side=value["owner_side"])
        return sees(viewer, item)


def _readable(value, *, choices: dict, linked: LinkedItems, field=None, viewer=None) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(value, dict) and "ref" in value:
        return value["label"] if linked.sees(viewer, value) else HIDDEN
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return ", ".join(_readable(v, choices=choices, viewer=viewer, linked=linked) for v in value)
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
