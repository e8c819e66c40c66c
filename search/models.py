"""One row per searchable item of the Werkstatt, kept current with every recorded change.

The row copies the item's visibility and owner side, so ``Entry.objects.visible_to(viewer)``
applies the one visibility rule of workspaces/visibility.py. The full-text index over it is the
database's own, created per vendor by migrations 0002 and 0003: an FTS5 table kept by triggers
(SQLite) or a generated ``tsvector`` column with a GIN index (PostgreSQL), both over the same
stems. Every stem is stored with its co-production in front (``c12wohnung``), so the index is
partitioned by co-production: a search reads the words of its own co-production only, however
many others share the database.
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
    # Title and text as the guide's stems (Snowball German, compounds also as their parts), each
    # with the co-production in front ("c12haushaltsmittel c12haushalt c12mittel"): what both
    # databases' full-text indexes read (search.indexing.scoped).
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


class Word(models.Model):
    """A stem that occurs in a co-production's entries. A typed word also finds longer words
    that begin with it ("Wohn" finds "Wohnungsbau"); the search looks those words up here and
    asks the full-text index for exact words only, which it reads no further than the first
    page needs (a prefix query would read every posting of every such word first). The words
    of side-only entries are listed under their side and looked up by that side only, so one
    side's private words never change what the other's search finds or how it counts. Words
    are added with their entries and removed only by a rebuild: a word no entry holds any more
    finds nothing."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # The side whose side-only entries hold the word; empty for entries all members see.
    owner_side = models.CharField(max_length=20, blank=True)
    term = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coproduction", "owner_side", "term"], name="one_word_per_audience"
            )
        ]

    def __str__(self):
        return self.term
