"""Recording changes. Called by the services of every app inside their transaction."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from history.models import ChangeRecord


def _plain(value):
    if isinstance(value, models.Model):
        if value._meta.label == settings.AUTH_USER_MODEL:
            from accounts.names import display_name

            return display_name(value)
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


def record_change(*, actor, item: models.Model, action: str, changes: dict | None = None):
    return ChangeRecord.objects.create(
        coproduction_id=item.coproduction_id if hasattr(item, "coproduction_id") else item.pk,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        object_label=str(item)[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        changes=changes or {},
    )


def history_for(item: models.Model):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("actor")
