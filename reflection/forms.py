"""Forms of the reflection; what they offer to link is what every member sees."""

from django import forms

from reflection import selectors
from reflection.models import (
    QUESTION_CARDS,
    SCALE,
    Consequence,
    Evaluation,
    Question,
    ReflectionRound,
    ReflectionSettings,
)
from workspaces.forms import DATE, TextLimits, VersionedForm, active_members
from workspaces.picker import PickMember, PickOne
from workspaces.visibility import Visibility


class SettingsForm(VersionedForm):
    class Meta:
        model = ReflectionSettings
        fields = ["interval_months"]
        help_texts = {
            "interval_months": "Zum Beispiel 6: zweimal im Jahr. Der Kompass-Check erinnert "
            "euch, wenn eine Runde fällig ist."
        }


class RoundForm(VersionedForm):
    class Meta:
        model = ReflectionRound
        fields = ["title", "opens_on", "closes_on"]
        widgets = {"opens_on": DATE, "closes_on": DATE}
        help_texts = {
            "title": "Zum Beispiel „Reflexion Frühjahr 2027“.",
            "opens_on": "An diesem Tag bekommen alle Mitglieder eine Einladung per E-Mail.",
            "closes_on": "Bis zu diesem Tag kann jede:r antworten und die eigenen Antworten "
            "ändern. Danach zeigt die Seite die Ergebnisse.",
        }

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)  # ``viewer``: the page shapes pass it to every form


class _QuestionFields:
    """The fixed questions as fields: a scale and a comment each (added before TextLimits
    gives the comments their limit)."""

    def __init__(self, *args, response=None, **kwargs):
        super().__init__(*args, **kwargs)
        stored = {a.question: a for a in response.answers.all()} if response else {}
        for question, label in Question.choices:
            self.fields[f"{question}_score"] = forms.TypedChoiceField(
                label=label,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=f"Karte {QUESTION_CARDS[question]}",
                error_messages={"required": "Bitte wählt einen Punkt auf der Skala."},
            )
            self.fields[f"{question}_comment"] = forms.CharField(
                label="Kommentar (freiwillig)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if question in stored and not self.is_bound:
                self.initial[f"{question}_score"] = stored[question].score
                self.initial[f"{question}_comment"] = stored[question].comment
        if response and not self.is_bound:
            self.initial["version"] = response.version


class AnswerForm(TextLimits, _QuestionFields, forms.Form):
    """One scale and one optional comment per question; every scale must be answered."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def answers(self) -> dict:
        data = self.cleaned_data
        return {q: (data[f"{q}_score"], data[f"{q}_comment"]) for q in Question.values}

    def questions(self):
        """(scale field, comment field) per question, for the template."""
        return [(self[f"{q}_score"], self[f"{q}_comment"]) for q in Question.values]


class ConsequenceForm(VersionedForm):
    """What was agreed, who takes care of it, by when, and what it leads to."""

    class Meta:
        model = Consequence
        fields = ["kind", "text", "owner", "due_on", "decision", "goal", "done"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "due_on": DATE,
        }
        field_classes = {"owner": PickMember, "decision": PickOne, "goal": PickOne}
        help_texts = {
            "decision": "Die Entscheidung, die daraus folgt oder die es festhält – zur Wahl "
            "stehen nur Entscheidungen, die alle Mitglieder sehen.",
            "goal": "Das Ziel, das sich ändert – nur Ziele, die alle Mitglieder sehen.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Consequence.Kind.choices
        self.fields["owner"].queryset = active_members(viewer.coproduction_id)
        self.fields["owner"].empty_label = "– noch niemand –"
        decision = self.fields["decision"]
        decision.queryset = selectors.decision_choices(viewer)
        decision.widget.search = ("question",)
        decision.label_from_instance = lambda d: d.question
        decision.empty_label = "– keine Entscheidung –"
        self.fields["goal"].queryset = selectors.goal_choices(viewer)
        self.fields["goal"].label_from_instance = lambda g: g.title
        self.fields["goal"].empty_label = "– kein Ziel –"
        if not self.instance.pk:
            del self.fields["done"]


class EvaluationForm(VersionedForm):
    class Meta:
        model = Evaluation
        fields = ["text", "visibility"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "visibility": forms.RadioSelect}
        help_texts = {
            "text": "Was hat die Runde gezeigt, was lief gut, was nicht, was folgt daraus? "
            "Schreibt ehrlich – und nennt niemanden, der sich in den Antworten wiedererkennt.",
            "visibility": "„Öffentlich“: die Auswertung erscheint auf eurer öffentlichen Seite "
            "(Karte 52). Die Antworten selbst bleiben immer intern.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["visibility"]
        field.choices = [c for c in Visibility.choices if c[0] != Visibility.SIDE]
        if not self.instance.pk and not self.is_bound:
            self.initial["visibility"] = Visibility.COPRODUCTION
