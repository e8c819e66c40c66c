"""The form of the conflict register; the decisions offered are those the viewer sees."""

from django import forms

from conflicts import selectors
from conflicts.models import Conflict, ConflictAgreement
from workspaces.forms import VersionedForm, VisibilityMixin
from workspaces.visibility import Visibility


class ConflictForm(VisibilityMixin, VersionedForm):
    """A disputed point, both positions and where they come from, and how it is worked on."""

    class Meta:
        model = Conflict
        fields = [
            "title",
            "administration_position",
            "civil_society_position",
            "external_obstacles",
            "status",
            "steps",
            "external_support",
            "resolution",
            "resolved_by",
            "visibility",
        ]
        widgets = {
            "administration_position": forms.Textarea(attrs={"rows": 3}),
            "civil_society_position": forms.Textarea(attrs={"rows": 3}),
            "external_obstacles": forms.Textarea(attrs={"rows": 2}),
            "status": forms.RadioSelect,
            "steps": forms.Textarea(attrs={"rows": 3}),
            "external_support": forms.Textarea(attrs={"rows": 2}),
            "resolution": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title": "Benennt den strittigen Punkt so genau wie möglich – nur diesen einen.",
            "external_obstacles": "Was hindert eine Annäherung von außen: Recht, Haushalt, "
            "politische Beschlüsse?",
            "external_support": "Wer hilft von außen – mit Fachwissen, Moderation oder "
            "Mediation (Karte 49)?",
            "resolution": "Nötig, wenn der Konflikt gelöst ist – es sei denn, ihr wählt die "
            "Entscheidung, die ihn beigelegt hat.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Conflict.Status.choices
        self.fields["resolved_by"].queryset = selectors.decision_choices(viewer)
        self.fields["resolved_by"].empty_label = "– keine Entscheidung –"
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default=Visibility.COPRODUCTION)
        field = self.fields["visibility"]
        field.choices = [c for c in field.choices if c[0] != Visibility.PUBLIC]
        field.help_text = (
            "„Nur unsere Seite“: eine interne Notiz eurer Seite zu einem Streitpunkt. "
            "„Alle Mitglieder“: ihr bearbeitet den Konflikt gemeinsam. Konflikte erscheinen "
            "nie auf der öffentlichen Seite."
        )


class ConflictAgreementForm(VersionedForm):
    """How the partners agreed to handle conflicts (cards 43, 24)."""

    class Meta:
        model = ConflictAgreement
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
