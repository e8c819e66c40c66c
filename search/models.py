"""One row per searchable item of the Werkstatt, kept current with every recorded change.

The row copies the item's visibility and owner side, so ``Entry.objects.visible_to(viewer)``
applies the one visibility rule of workspaces/visibility.py. The full-text index over it is the
database's own, created per vendor by migration 0002: a generated ``tsvector`` column with a
GIN index (PostgreSQL, ``german`` configuration) or an FTS5 table kept by triggers (SQLite).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from workspaces.visibility import VisibleItem


class Entry(VisibleItem):
    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    # Parts of the German compounds in title and text ("haushalts mittel"), so that a part
    # finds the whole on PostgreSQL too.
    parts = models.TextField(blank=True)
    # Title and text as the guide's stems (Snowball German, compounds split), for SQLite's FTS5,
    # which has no German stemmer of its own.
    title_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    date = models.DateTimeField(null=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_entry_per_item")
        ]
        indexes = [models.Index(fields=["coproduction", "visibility", "owner_side"])]

    def __str__(self):
        return f"{self.kind}: {self.title}"
