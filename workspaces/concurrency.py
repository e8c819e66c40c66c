"""Optimistic concurrency: every editable item carries a version checked on save.

Two people open the same goal; the first saves (version 3 → 4); the second still holds 3 and
is told, with both versions side by side, instead of silently overwriting. The check is a
single UPDATE … WHERE version = n, which is atomic on SQLite and PostgreSQL alike.
"""

from django.db.models import F

# Scripts and tabs opened before versions existed send none: never guess it (that would
# overwrite whatever was saved meanwhile), ask the person to look again.
MISSING_VERSION = (
    "Beim Speichern fehlte die Fassung, von der ihr ausgegangen seid (etwa aus einem alten "
    "Tab). Nichts ist gespeichert: Prüft den aktuellen Stand und speichert dann noch einmal."
)


class StaleEdit(Exception):
    """Someone saved the item since this person opened it."""

    def __init__(self, current):
        super().__init__("Jemand hat diesen Eintrag inzwischen geändert.")
        self.current = current


def save_versioned(instance, *, expected_version: int, fields: list[str]) -> None:
    """Write ``fields`` of ``instance`` if nobody changed it since ``expected_version``."""
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        from django.utils import timezone

        values["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if not updated:
        raise StaleEdit(model.objects.get(pk=instance.pk))
    instance.version = expected_version + 1


def row_key(item, *named) -> tuple:
    """The key of a list's row rendered once per process (``{% rendered_once %}``): ``item``
    as of its version and each item it names as of theirs — ``None`` for one the viewer may
    not see, a tuple for a list of them. Every change goes through the services and moves a
    version; the creation time tells apart two items of one id (a rolled-back test database)."""

    def stamp(other):
        return other and (other.pk, other.version)

    parts = (tuple(map(stamp, n)) if isinstance(n, list) else stamp(n) for n in named)
    return (item.pk, item.version, item.created_at, *parts)
