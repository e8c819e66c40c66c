"""Recording changes. Called by the services of every app inside their transaction."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from history.models import ChangeRecord, LinkedItems
from history.signals import change_recorded


def reference(item: models.Model, label: str | None = None) -> dict:
    """A linked workspace item as a history entry keeps it: its label and who could see it,
    so that each reader is shown the label only while they may see the item
    (``ChangeRecord.readable_changes``)."""
    return {
        "ref": item._meta.label_lower,
        "pk": item.pk,
        "label": str(item) if label is None else label,
        "visibility": item.visibility,
        "owner_side": item.owner_side,
    }


def _plain(value):
    if isinstance(value, models.Model):
        if value._meta.label == settings.AUTH_USER_MODEL:
            from accounts.names import display_name

            return display_name(value)
        if hasattr(value, "visibility") and hasattr(value, "owner_side"):
            return reference(value)
        return str(value)
    if isinstance(value, (date, datetime, Decimal)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """Fields that changed, as {field: [before, after]}."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


# Checks every change passes before it is recorded — and so before the service's transaction
# can commit: ``check(coproduction_id=…, item=…, changes=…)`` raises to refuse the change, and
# the transaction rolls back. Each service records its change, so this is the one place all
# writes meet. The app owning a rule adds it when it starts (history may not import it):
# workspaces refuses every change to an ended co-production.
CHANGE_CHECKS: list = []


def record_change(
    *, actor, item: models.Model, action: str, changes: dict | None = None, ballot: bool = False
):
    coproduction_id = item.coproduction_id if hasattr(item, "coproduction_id") else item.pk
    for check in CHANGE_CHECKS:
        check(coproduction_id=coproduction_id, item=item, changes=changes or {})
    if action == ChangeRecord.Action.DELETED and hasattr(item, "visibility"):
        # Who could see it last: how history entries linking to it are shown from now on.
        stored = type(item)._default_manager.filter(pk=item.pk).values("visibility").first()
        changes = {"visibility": [(stored or {"visibility": item.visibility})["visibility"], None]}
    record = ChangeRecord.objects.create(
        coproduction_id=coproduction_id,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        object_label=str(item)[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        changes=changes or {},
        ballot=ballot,
    )
    # In the same transaction: whatever mirrors items (the Werkstatt search) follows the change.
    change_recorded.send(sender=type(item), item=item, action=action, record=record)
    return record


def history_for(item: models.Model):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("actor")


def shown_history(entries) -> list[ChangeRecord]:
    """History entries as a page shows them (a queryset, sliced): their linked items are
    looked up together when the first is read, not one query per link."""
    entries = list(entries)
    linked = LinkedItems(entries)
    for entry in entries:
        entry.linked = linked
    return entries
