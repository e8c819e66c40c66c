"""Forms of the life cycle; the stage form changes the co-production's stage."""

from django import forms

from lifecycle.models import Closing, ImpactPlan, PermanencePath
from workspaces.concurrency import MISSING_VERSION
from workspaces.forms import TextLimits, VersionedForm, VisibilityMixin, without_blank_radio
from workspaces.models import Coproduction
from workspaces.visibility import Visibility


class PathForm(VisibilityMixin, VersionedForm):
    class Meta:
        model = PermanencePath
        fields = ["path", "status", "description", "steps", "money", "staff", "visibility"]
        widgets = {
            "path": forms.RadioSelect,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "steps": forms.Textarea(attrs={"rows": 4}),
            "money": forms.Textarea(attrs={"rows": 3}),
            "staff": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "path": "Übernimmt die Verwaltung die Leistung in ihr Regelangebot, wird eine eigene "
            "Institution gegründet, oder ändert ihr die Organisationsform der Zusammenarbeit "
            "(Karte 34)?",
            "steps": "Beschlüsse, Anträge, Satzung, Übergaben – mit wem und bis wann.",
            "money": "Wie werden die Mittel dauerhaft garantiert – Haushalt, Förderung, "
            "Entgelte? (Karten 22, 34)",
            "staff": "Welche Stellen braucht es dauerhaft, wer trägt sie? (Karten 20–22)",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_visibility(joint=True, default=Visibility.COPRODUCTION)


class ClosingForm(VisibilityMixin, VersionedForm):
    class Meta:
        model = Closing
        fields = ["reflection", "lessons", "remains", "keepers", "report", "visibility"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["reflection", "lessons", "remains", "keepers", "report"]
        }
        help_texts = {
            "reflection": "Auch nach einem vorzeitigen Ende: nicht (nur) als Scheitern sehen, "
            "sondern produktiv wenden – am besten gemeinsam, vielleicht extern moderiert "
            "(Karten 36, 49).",
            "keepers": "Wer hält Ergebnisse, Wissen und Kontakte fest, wer gibt sie weiter? "
            "(Karte 48)",
            "report": "Was Außenstehende lesen sollen. Steht der Abschluss auf „Öffentlich“, "
            "erscheint er auf eurer öffentlichen Seite – mit allen Feldern dieser Seite.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_visibility(joint=True, default=Visibility.COPRODUCTION)


class ImpactForm(VisibilityMixin, VersionedForm):
    class Meta:
        model = ImpactPlan
        fields = ["way", "title", "description", "level", "actors", "status", "visibility"]
        widgets = {
            "way": forms.RadioSelect,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "actors": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "actors": "Gibt es schon eine andere Ebene oder andere Akteure, die dazu arbeiten? "
            "Welche Netzwerke und politischen Ansprechpartner:innen braucht es? (Karten 38, 47)",
            "level": "Wohin soll die Wirkung reichen?",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default=Visibility.COPRODUCTION)
        self.fields["visibility"].help_text += (
            " Eine Kampagne eurer Seite oder eine interne Reflexion könnt ihr für euch behalten "
            "(Karte 37)."
        )


class StageForm(TextLimits, forms.Form):
    """Die Lebensphase wechseln: coordinators; ending says how, reopening says why."""

    stage = forms.ChoiceField(
        label="Neue Phase", choices=Coproduction.Stage.choices, widget=forms.RadioSelect
    )
    ending = forms.ChoiceField(
        label="Wie endet sie?",
        choices=Coproduction.Ending.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Nur beim Abschluss und Beenden (Karte 35).",
    )
    ending_reasons = forms.CharField(
        label="Gründe für das Ende",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Bei einem vorzeitigen Ende nötig: zu viele Konflikte, Ziele nicht mehr "
        "realisierbar, politische Lage verschoben? (Karte 35)",
    )
    reason = forms.CharField(
        label="Anlass",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Steht im Verlauf. Nötig, wenn ihr eine beendete Ko-Produktion wieder öffnet.",
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": MISSING_VERSION, "invalid": MISSING_VERSION},
    )

    def __init__(self, *args, coproduction, **kwargs):
        super().__init__(*args, **kwargs)
        without_blank_radio(self)
        self.fields["stage"].choices = [
            c for c in Coproduction.Stage.choices if c[0] != coproduction.stage
        ]
        if not self.is_bound:
            self.initial.update(
                version=coproduction.version,
                ending=coproduction.ending,
                ending_reasons=coproduction.ending_reasons,
            )
