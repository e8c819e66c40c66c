"""Forms of the knowledge archive and the glossary; the items offered for linking are those
the viewer sees (``knowledge.links``)."""

from django import forms
from django.conf import settings

from knowledge.links import LINKS
from knowledge.models import GlossaryTerm, KnowledgeItem
from workspaces.forms import VersionedForm, VisibilityMixin
from workspaces.picker import PickMany

FILE_HELP = (
    "PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), PNG, JPEG, Text oder CSV, "
    "höchstens {limit}. Nur für die Art „Dokument“. Wer den Eintrag sehen darf, kann die "
    "Datei herunterladen."
)


class KnowledgeForm(VisibilityMixin, VersionedForm):
    """A note, link, document or relationship, and what it belongs to (card 48)."""

    url = forms.URLField(
        label="Adresse (Link)",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="Nur für die Art „Link“: wo es liegt.",
    )
    file = forms.FileField(label="Datei", required=False, allow_empty_file=True)

    class Meta:
        model = KnowledgeItem
        fields = ["kind", "title", "text", "url", "visibility"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "title": "Woran erkennt man es später wieder – auch wer neu dazukommt?",
            "text": "Was muss man wissen? Bei einer Beziehung: wer mit wem, seit wann, wie "
            "erreichbar, worauf es ankommt (Karte 48).",
        }

    def __init__(self, *args, viewer, refused="", **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused  # why the upload handler stopped reading the file
        self.fields["kind"].choices = KnowledgeItem.Kind.choices
        limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = FILE_HELP.format(limit=f"{limit} MB")
        if self.instance.pk and self.instance.file:
            self.fields["file"].label = "Datei ersetzen"
        for link in LINKS:
            self.fields[link.field] = PickMany(
                label=link.question,
                queryset=link.choices(viewer),
                required=False,
                search=link.search,
            )
            if self.instance.pk and not self.is_bound:
                self.initial[link.field] = [
                    t.pk for t in link.choices(viewer).filter(knowledge_items=self.instance)
                ]
        # The visibility choice comes last, after everything it decides about.
        self.order_fields([name for name in self.fields if name != "visibility"])
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default="coproduction")

    def clean_file(self):
        if self.refused:
            raise forms.ValidationError(self.refused)
        return self.cleaned_data.get("file")


class TermForm(VisibilityMixin, VersionedForm):
    """A term of the co-production's own language, explained (card 51)."""

    class Meta:
        model = GlossaryTerm
        fields = ["term", "explanation", "plain_summary", "visibility"]
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "plain_summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "term": "Ein Wort, das bei euch eine eigene Bedeutung hat – ein Fachbegriff der "
            "Verwaltung oder ein Wort aus der Initiative.",
            "explanation": "So, dass die andere Seite es versteht (Karte 51).",
            "plain_summary": "Ein, zwei Sätze in einfacher Sprache, für Menschen, die neu "
            "dazukommen, und für die öffentliche Seite.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default="coproduction")
