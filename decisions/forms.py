"""Forms of decisions. Choices come from the selectors, so a form never offers what its viewer
may not see."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from decisions import selectors, tallies
from decisions.models import Decision
from goals.forms import GoalChoiceField, GoalsChoiceField
from goals.models import Goal
from structures.models import Body
from workspaces.forms import (
    TextLimits,
    VersionedForm,
    VisibilityMixin,
    active_members,
    without_blank_radio,
)
from workspaces.picker import PickMember, PickOne

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def datetime_field(label: str, *, required=True, help_text="") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


class DecisionForm(VisibilityMixin, VersionedForm):
    """The question, who prepared it, who decides with which mandate, and how (card 42)."""

    options = forms.CharField(
        label="Optionen (eine pro Zeile)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Nur für Systemisches Konsensieren. Die Passivlösung („Alles bleibt, wie es "
        "ist“) kommt von selbst dazu.",
    )
    goals = GoalsChoiceField(
        label="Welche Ziele betrifft die Entscheidung?",
        queryset=Goal.objects.none(),
        required=False,
    )

    class Meta:
        model = Decision
        fields = [
            "question",
            "background",
            "prepared_by",
            "body",
            "mandate_note",
            "procedure",
            "options",
            "quorum",
            "abstentions",
            "meeting",
            "goals",
            "visibility",
        ]
        widgets = {
            "background": forms.Textarea(attrs={"rows": 4}),
            "mandate_note": forms.Textarea(attrs={"rows": 2}),
            "procedure": forms.RadioSelect,
            "abstentions": forms.RadioSelect,
        }
        # Members, bodies and meetings grow with the data: picked by search, never all listed.
        field_classes = {"prepared_by": PickMember, "body": PickOne, "meeting": PickOne}
        help_texts = {
            "question": "So, dass man mit Ja oder Nein (oder mit den Optionen) antworten kann.",
            "prepared_by": "Wer hat die Entscheidung vorbereitet? (Karte 42)",
            "body": "Welches Gremium entscheidet? (Karte 41)",
            "mandate_note": "Mit welchem Mandat wird entschieden, was braucht Rücksprache?",
            "quorum": "Wie viele Stimmen müssen mindestens abgegeben sein? 0 heißt: keine Grenze.",
            "abstentions": "Nur für Mehrheitsentscheidungen.",
            "meeting": "Das Treffen, in dem darüber beraten oder entschieden wird.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        procedure = self.fields["procedure"]
        # Each explanation starts with the procedure's name ("Konsens: Alle stimmen zu …").
        procedure.choices = [
            (value, tallies.PROCEDURE_EXPLANATIONS[value])
            for value, _ in Decision.Procedure.choices
        ]
        self.fields["abstentions"].choices = Decision.Abstentions.choices
        self.fields["prepared_by"].queryset = active_members(viewer.coproduction_id)
        self.fields["prepared_by"].empty_label = "– niemand Bestimmtes –"
        self.fields["body"].queryset = selectors.body_choices(viewer)
        self.fields["body"].widget.search = ("name",)
        self.fields["meeting"].queryset = selectors.meeting_choices(viewer)
        self.fields["goals"].queryset = selectors.goal_choices(viewer)
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default="coproduction")
        if self.instance.pk and not self.is_bound:
            self.initial["goals"] = [g.pk for g in self.instance.goals.all()]
            self.initial["options"] = "\n".join(
                o.label for o in self.instance.options.all() if not o.passive
            )
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("prepared_by", viewer.membership.pk)

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        if data.get("procedure") == Decision.Procedure.SYSTEMIC and not lines:
            self.add_error(
                "options",
                "Systemisches Konsensieren braucht mindestens eine Option neben der Passivlösung.",
            )
        data["options"] = lines
        return data


class SupersedeForm(DecisionForm):
    supersede_reason = forms.CharField(
        label="Warum wird die Entscheidung ersetzt?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Sagt, warum die Entscheidung ersetzt wird."},
    )

    class Meta(DecisionForm.Meta):
        fields = ["supersede_reason", *DecisionForm.Meta.fields]

    def __init__(self, *args, initial=None, **kwargs):
        super().__init__(*args, initial=initial, **kwargs)
        if initial and not self.is_bound:
            self.initial["visibility"] = initial.get("visibility", self.initial["visibility"])


class LogFilterForm(TextLimits, forms.Form):
    """The Beschlussbuch's body and goal filters: picked by search, since both grow with the
    data."""

    gremium = PickOne(
        label="Gremium", queryset=Body.objects.none(), required=False, search=("name",)
    )
    ziel = GoalChoiceField(label="Ziel", queryset=Goal.objects.none(), required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gremium"].queryset = selectors.body_choices(viewer)
        self.fields["ziel"].queryset = selectors.goals_with_decisions(viewer)


class OpenVotingForm(TextLimits, forms.Form):
    opens_at = datetime_field("Abstimmung ab", required=False, help_text="Leer lassen: ab sofort.")
    closes_at = datetime_field("Abstimmung bis")
    consultation_override = forms.CharField(
        label="Begründung, falls die Frist kürzer ist als eine Rücksprachefrist",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Nur nötig, wenn eine Partner:in mehr Zeit für interne Rücksprache braucht, "
        "als die Abstimmung dauert. Die Begründung sehen alle auf der Entscheidung.",
    )


class VoteForm(TextLimits, forms.Form):
    """A ballot fitting the procedure: radio buttons, or 0–10 points per option."""

    reason = forms.CharField(
        label="Begründung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, decision, options=(), vote=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.option_keys = []
        if decision.procedure == Decision.Procedure.SYSTEMIC:
            for option in options:
                name = f"option-{option.pk}"
                self.fields[name] = forms.IntegerField(
                    label=option.label,
                    min_value=0,
                    max_value=tallies.MAX_RESISTANCE,
                    help_text="0 = kein Widerstand, 10 = stärkster Widerstand",
                    error_messages={
                        "required": f"Gebt auch „{option.label}“ Widerstandspunkte (0 bis 10).",
                        "min_value": "Mindestens 0 Punkte.",
                        "max_value": "Höchstens 10 Punkte.",
                    },
                )
                self.option_keys.append((name, str(option.pk)))
                if vote is not None and str(option.pk) in vote.resistance:
                    self.initial[name] = vote.resistance[str(option.pk)]
            self.order_fields([name for name, _ in self.option_keys] + ["reason"])
        else:
            self.fields["choice"] = forms.ChoiceField(
                label="Eure Stimme",
                choices=[
                    (c, tallies.CHOICE_LABELS[c]) for c in tallies.CHOICES[decision.procedure]
                ],
                widget=forms.RadioSelect,
                error_messages={"required": "Wählt eine der Antworten aus."},
            )
            self.order_fields(["choice", "reason"])
            if vote is not None:
                self.initial["choice"] = vote.choice
        if vote is not None:
            self.initial["reason"] = vote.reason
        if decision.procedure == Decision.Procedure.CONSENT:
            self.fields["reason"].help_text = "Pflicht bei einem schwerwiegenden Einwand."
        without_blank_radio(self)

    def ballot(self) -> dict:
        data = self.cleaned_data
        if self.option_keys:
            return {
                "resistance": {key: data[name] for name, key in self.option_keys},
                "reason": data["reason"],
            }
        return {"choice": data["choice"], "reason": data["reason"]}


class CloseForm(TextLimits, forms.Form):
    reasons = forms.CharField(
        label="Begründung für das Beschlussbuch",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Warum so entschieden wurde – für alle, die es später nachlesen.",
    )


class MeetingRecordForm(TextLimits, forms.Form):
    meeting = forms.ModelChoiceField(label="Treffen", queryset=None, required=False)
    yes = forms.IntegerField(label="Ja-Stimmen", min_value=0, initial=0)
    no = forms.IntegerField(label="Nein-Stimmen", min_value=0, initial=0)
    abstain = forms.IntegerField(label="Enthaltungen", min_value=0, initial=0)
    passed = forms.TypedChoiceField(
        label="Ergebnis laut Protokoll",
        choices=[("1", "Angenommen"), ("0", "Abgelehnt")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "Wurde der Vorschlag angenommen oder abgelehnt?"},
    )
    outcome = forms.CharField(
        label="Was wurde entschieden?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Was wurde entschieden? Schreibt das Ergebnis auf."},
    )
    reasons = forms.CharField(
        label="Begründung", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, viewer, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.meeting_choices(viewer)
        self.fields["meeting"].empty_label = "– kein Treffen –"
        if not self.is_bound and decision.meeting_id:
            self.initial["meeting"] = decision.meeting_id


def default_closing():
    """A week from now, at the full hour — a start for the form."""
    soon = timezone.localtime() + timedelta(days=7)
    return soon.replace(minute=0, second=0, microsecond=0)
