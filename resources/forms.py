"""Forms of positions and funding. Choices come from the selectors and the viewer's side, so a
form never offers what its viewer may not see or may not enter."""

import re

from django import forms

from resources import selectors
from resources.models import Funding, Position
from workspaces.forms import DATE, VersionedForm, VisibilityMixin, active_members
from workspaces.models import Partner
from workspaces.picker import PickMany, PickMember
from workspaces.visibility import Visibility

VISIBILITY_HELP = (
    "Beträge und Angaben zu Personen bleiben bei eurer Seite, bis ihr sie teilt: „Nur unsere "
    "Seite“ sehen nur die Mitglieder eurer Seite, „Alle Mitglieder“ alle in der Ko-Produktion. "
    "Auf die öffentliche Seite kommen Stellen und Finanzierungen nicht."
)


THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


class AmountField(forms.DecimalField):
    """Euros as people type them: „48.000,50“, „48000,50“, „48000.50“ or „48.000 €“."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        text = str(value or "").replace("€", "").replace(" ", "").replace("\u00a0", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        return super().to_python(text)


class PositionsField(PickMany):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, search=("title", "partner__name"), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.partner.name})"


def _own_partners(form, viewer) -> None:
    partners = Partner.objects.filter(
        coproduction_id=viewer.coproduction_id,
        side=form.instance.owner_side or viewer.side,
        left_at__isnull=True,
    )
    form.fields["partner"].queryset = partners
    if not form.instance.pk and not form.is_bound:
        only = list(partners[:2])
        if len(only) == 1:  # most sides have one partner: nothing to choose
            form.initial["partner"] = only[0].pk
    form.fields["partner"].label = "Partner:in"
    form.fields["partner"].help_text = "Eine Partner:in eurer Seite."


class PositionForm(VisibilityMixin, VersionedForm):
    """Who gives how much time to the co-production, paid or not, and until when."""

    class Meta:
        model = Position
        fields = [
            "title",
            "partner",
            "tasks",
            "pay",
            "contract",
            "hours_per_week",
            "share_percent",
            "filling",
            "holder",
            "start_date",
            "end_date",
            "successor",
            "handover",
            "visibility",
        ]
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 3}),
            "pay": forms.RadioSelect,
            "contract": forms.RadioSelect,
            "filling": forms.RadioSelect,
            "start_date": DATE,
            "end_date": DATE,
            "handover": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"holder": PickMember, "successor": PickMember}
        help_texts = {
            "title": "Zum Beispiel: Koordination Ernährungsrat, Sachbearbeitung im Umweltamt.",
            "contract": "Bezahlt: Anstellung oder Honorar. Ehrenamtlich: Aufwandsentschädigung "
            "oder keine (Karte 21).",
            "hours_per_week": "Wie viel Zeit ist für die Ko-Produktion freigestellt? Stunden "
            "oder Prozent – oder beides (Karten 20, 26).",
            "share_percent": "Auch für die Verwaltung: ein klar umrissener Stellenanteil.",
            "filling": "Aus der Gruppe: Wissen und Loyalität sind da, ein Rollenkonflikt droht. "
            "Von außen: klarer Auftrag, aber wenig Vorwissen (Karte 21).",
            "holder": "Nur wenn die Person Mitglied ist; sonst leer lassen.",
            "end_date": "Leer lassen, wenn die Stelle unbefristet ist.",
            "successor": "Für die Zeit, wenn die Stelle endet (Karten 22, 48).",
            "handover": "Zum Beispiel: Übergabe der Kontakte an die AG, Einarbeitung ab Mai.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        _own_partners(self, viewer)
        self.fields["pay"].choices = Position.Pay.choices
        self.fields["contract"].choices = Position.Contract.choices
        self.fields["filling"].choices = Position.Filling.choices
        members = active_members(viewer.coproduction_id)
        self.fields["holder"].queryset = members.filter(
            partner__side=self.instance.owner_side or viewer.side
        )
        self.fields["holder"].empty_label = "– niemand aus der Ko-Produktion –"
        self.fields["successor"].queryset = members
        self.fields["successor"].empty_label = "– noch niemand –"
        self.limit_visibility(joint=False, default=Visibility.SIDE, public=False)
        self.fields["visibility"].help_text = VISIBILITY_HELP
        if not self.instance.pk and not self.is_bound:
            self.initial["filling"] = Position.Filling.GROUP


class FundingForm(VisibilityMixin, VersionedForm):
    """Where money comes from, what it pays, what it asks for — and what follows it."""

    covers = forms.MultipleChoiceField(
        label="Was bezahlt sie?",
        choices=Funding.Covers.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Wählt ihr unten Stellen, gehört „Personal“ von selbst dazu.",
    )
    positions = PositionsField(
        label="Welche Stellen bezahlt sie?",
        queryset=Position.objects.none(),
        required=False,
        help_text="Zur Wahl stehen die Stellen, die ihr seht.",
    )

    class Meta:
        model = Funding
        fields = [
            "title",
            "partner",
            "source",
            "funder",
            "amount",
            "start_date",
            "end_date",
            "covers",
            "positions",
            "conditions",
            "reporting",
            "dependency",
            "follow_up",
            "follow_up_owner",
            "decide_by",
            "follow_up_note",
            "visibility",
        ]
        widgets = {
            "source": forms.RadioSelect,
            "start_date": DATE,
            "end_date": DATE,
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "reporting": forms.Textarea(attrs={"rows": 2}),
            "dependency": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.RadioSelect,
            "decide_by": DATE,
            "follow_up_note": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"follow_up_owner": PickMember, "amount": AmountField}
        help_texts = {
            "title": "Zum Beispiel: Förderprogramm Ernährungswende, Haushaltstitel Klimaschutz.",
            "amount": "In Euro, zum Beispiel 48000 oder 48000,50.",
            "end_date": "Leer lassen, wenn die Mittel unbefristet sind.",
            "reporting": "Zum Beispiel: Zwischenbericht zum 30.06., Verwendungsnachweis.",
            "dependency": "Eine Finanzierung durch die Stadt macht die Initiative von ihr "
            "abhängig; eine Stiftung bindet an ihre Ziele (Karte 22).",
            "follow_up": "Was passiert, wenn die Finanzierung ausläuft (Karten 22, 34)?",
            "follow_up_owner": "Nötig, sobald ihr einen Weg wählt.",
            "decide_by": "Bis wann soll entschieden sein? Nötig, sobald ihr einen Weg wählt.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        _own_partners(self, viewer)
        self.fields["source"].choices = Funding.Source.choices
        self.fields["follow_up"].choices = [("", "Noch offen"), *Funding.Path.choices]
        self.fields["positions"].queryset = selectors.position_choices(viewer)
        self.fields["follow_up_owner"].queryset = active_members(viewer.coproduction_id)
        self.fields["follow_up_owner"].empty_label = "– noch niemand –"
        self.limit_visibility(joint=False, default=Visibility.SIDE, public=False)
        self.fields["visibility"].help_text = VISIBILITY_HELP
        if self.instance.pk and not self.is_bound:
            self.initial["positions"] = [p.pk for p in self.instance.positions.all()]
