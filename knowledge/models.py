"""The knowledge archive and the shared glossary of a co-production (cards 48, 51, 37)."""

from django.db import models

from workspaces.visibility import VisibleItem


class KnowledgeItem(VisibleItem):
    """Wissen — what the co-production must not lose when people leave (card 48): a note, a
    link, a document, or a relationship — who knows whom and how to reach them, knowledge of
    its own. Linked to the goals, decisions and meetings it belongs to (``knowledge.links``)."""

    class Kind(models.TextChoices):
        NOTE = "note", "Notiz"
        LINK = "link", "Link"
        DOCUMENT = "document", "Dokument"
        CONTACT = "contact", "Beziehung/Kontakt"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="knowledge_items"
    )
    kind = models.CharField("Art", max_length=20, choices=Kind.choices, default=Kind.NOTE)
    title = models.CharField("Titel", max_length=300)
    text = models.TextField("Text", blank=True)
    url = models.URLField("Adresse (Link)", max_length=500, blank=True)
    # The stored file has a random name (knowledge.uploads); the person's file name is kept,
    # cleaned, only for the download.
    file = models.FileField("Datei", upload_to="wissen/", max_length=200, blank=True)
    file_name = models.CharField("Dateiname", max_length=200, blank=True)
    file_type = models.CharField("Dateityp", max_length=10, blank=True)
    file_size = models.PositiveIntegerField("Dateigröße", default=0)
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="knowledge_items")
    decisions = models.ManyToManyField(
        "decisions.Decision", blank=True, related_name="knowledge_items"
    )
    meetings = models.ManyToManyField(
        "meetings.Meeting", blank=True, related_name="knowledge_items"
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    HISTORY_LABELS = {"links": "Verknüpft mit"}

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return self.title


class GlossaryTerm(VisibleItem):
    """Begriff — a word of the co-production's own language, explained so that the other side
    (and, in plain words, the public) understands it (card 51)."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField("Begriff", max_length=120)
    explanation = models.TextField("Erklärung")
    plain_summary = models.TextField("In einfachen Worten", blank=True)
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["term", "id"]

    def __str__(self):
        return self.term
