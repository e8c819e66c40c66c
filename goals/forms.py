"""Forms of goals, demands, strategy and milestones. Choices come from the selectors, so a
form never offers what its viewer may not see."""

from django import forms
from django.utils import timezone

from goals import selectors
from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from workspaces.forms import (
    DATE,
    VersionedForm,
    VisibilityMixin,
    active_members,
    side_label,
)
from workspaces.models import Coproduction, Membership, Partner
from workspaces.picker import PickMany, PickMember, PickOne
from workspaces.visibility import Visibility


class GoalChoiceField(PickOne):
    def label_from_instance(self, obj):
        return f"{obj.title} ({side_label(obj.owner_side)})"


class GoalsChoiceField(PickMany):
    def label_from_instance(self, obj):
        return f"{obj.title} ({side_label(obj.owner_side)})"


class GoalForm(VisibilityMixin, VersionedForm):
    """A side's own goal draft (card 30): abstract or concrete, tagged with Teilhabe."""

    dimensions = forms.MultipleChoiceField(
        label="Welche Dimensionen der Teilhabe stärkt das Ziel?",
        choices=Coproduction.Dimension.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Siehe Karte 8 (Teilhabe).",
    )

    class Meta:
        model = Goal
        fields = ["level", "title", "description", "due_date", "dimensions", "visibility"]
        widgets = {
            "level": forms.RadioSelect,
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "level": "Abstrakt: warum, zum Beispiel „bezahlbarer Wohnraum für alle“. "
            "Konkret: was bis wann.",
            "due_date": "Nur für konkrete Ziele, dort aber nötig.",
        }

    joint = False

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.fields["level"].choices = Goal.Level.choices
        self.limit_visibility(
            joint=self.joint,
            default=Visibility.COPRODUCTION if self.joint else Visibility.SIDE,
        )

    def clean(self):
        data = super().clean()
        if data.get("level") == Goal.Level.CONCRETE and not data.get("due_date"):
            if "due_date" not in self.errors:
                self.add_error(
                    "due_date",
                    "Ein konkretes Ziel braucht ein Datum: Bis wann wollt ihr es erreichen?",
                )
        if data.get("level") == Goal.Level.ABSTRACT:
            data["due_date"] = None
        return data


class JointGoalForm(GoalForm):
    """A joint goal (card 31), answering shared goals of the sides, with a steward."""

    joint = True

    answers = GoalsChoiceField(
        label="Welche geteilten Ziele der Seiten beantwortet es?",
        queryset=Goal.objects.none(),
        required=False,
        help_text="Zur Wahl stehen nur Ziele, die eine Seite schon geteilt hat.",
    )
    steward = PickMember(
        label="Wer behält das Ziel im Blick?",
        queryset=Membership.objects.none(),
        required=False,
        help_text="Eine Person, die den Fortschritt verfolgt und daran erinnert (Karte 31).",
    )

    class Meta(GoalForm.Meta):
        fields = GoalForm.Meta.fields + ["answers", "steward"]

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, viewer=viewer, **kwargs)
        self.fields["answers"].queryset = selectors.answerable_goals(viewer)
        self.fields["steward"].queryset = active_members(viewer.coproduction_id)
        if self.instance.pk and not self.is_bound:
            self.initial["answers"] = [g.pk for g in self.instance.answers.all()]


class DemandForm(VisibilityMixin, VersionedForm):
    """A non-negotiable demand or room for compromise (card 33)."""

    class Meta:
        model = Demand
        fields = ["kind", "text", "visibility"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "kind": "Wovon gibt es kein Abweichen, und wo lohnt sich ein Kompromiss?",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Demand.Kind.choices
        self.limit_visibility(joint=False, default=Visibility.SIDE)


class ContributionForm(VisibilityMixin, VersionedForm):
    """What a partner of our side brings in: resources, competences, roles, knowledge."""

    class Meta:
        model = Contribution
        fields = ["partner", "kind", "description", "visibility"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        labels = {"partner": "Partner:in"}

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            coproduction_id=viewer.coproduction_id,
            side=self.instance.owner_side or viewer.side,
            left_at__isnull=True,
        )
        self.fields["partner"].help_text = "Eine Partner:in eurer Seite."
        self.fields["kind"].choices = Contribution.Kind.choices
        self.limit_visibility(joint=False, default=Visibility.COPRODUCTION)


class ObstacleForm(VisibilityMixin, VersionedForm):
    class Meta:
        model = Obstacle
        fields = ["goal", "description", "remedy", "visibility"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "remedy": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"goal": GoalChoiceField}

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = selectors.goal_choices(viewer)
        self.fields["goal"].empty_label = "– kein bestimmtes Ziel –"
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default=Visibility.COPRODUCTION)


# A milestone still ahead (planned, in progress) with a date that has passed is mostly a typo
# in the year (issue 9 §6), but can be true: one that is overdue. Asked only then, hidden
# until then; a reached, missed or dropped milestone is recorded with its past date.
PAST_MILESTONE = (
    "Dieses Datum ({date:%d.%m.%Y}) liegt in der Vergangenheit. Ist der Meilenstein schon "
    "erreicht, wählt „Erreicht“. Liegt er noch vor euch, wählt ein Datum ab heute – oder "
    "bestätigt unten, dass er schon für diesen Tag vorgesehen war."
)
STILL_AHEAD = {Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS}


class MilestoneForm(VisibilityMixin, VersionedForm):
    """A step of content or process with due date, responsible member and status (card 32)."""

    past_confirmed = forms.BooleanField(
        label="Ja, das Datum stimmt: Der Meilenstein war für diesen Tag vorgesehen und ist "
        "noch nicht erreicht.",
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Milestone
        fields = [
            "title",
            "kind",
            "due_date",
            "responsible",
            "status",
            "reached_on",
            "goal",
            "visibility",
        ]
        widgets = {"kind": forms.RadioSelect, "due_date": DATE, "reached_on": DATE}
        field_classes = {"goal": GoalChoiceField, "responsible": PickMember}
        help_texts = {
            "kind": "Inhalt: ein Konzept ist ausgearbeitet. Prozess: eine Vereinbarung ist "
            "unterzeichnet, eine Zwischenevaluation abgeschlossen.",
            "reached_on": "Leer lassen: dann gilt der Tag, an dem ihr „Erreicht“ speichert.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Milestone.Kind.choices
        self.fields["responsible"].queryset = active_members(viewer.coproduction_id)
        self.fields["responsible"].empty_label = "– noch niemand –"
        self.fields["goal"].queryset = selectors.goal_choices(viewer)
        self.fields["goal"].empty_label = "– kein bestimmtes Ziel –"
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default=Visibility.COPRODUCTION)
        self.order_fields(["title", "kind", "due_date", "past_confirmed"])

    def clean(self):
        data = super().clean()
        reached_on = data.get("reached_on")
        today = timezone.localdate()
        if reached_on and data.get("status") != Milestone.Status.REACHED:
            self.add_error("reached_on", "Ein Datum „Erreicht am“ passt nur zum Stand „Erreicht“.")
        elif reached_on and reached_on > today:
            self.add_error(
                "reached_on",
                f"„Erreicht am“ ({reached_on:%d.%m.%Y}) liegt in der Zukunft. Tragt den Tag "
                "ein, an dem ihr ihn erreicht habt.",
            )
        due = data.get("due_date")
        moved = due != self.initial.get("due_date")
        ahead = data.get("status") in STILL_AHEAD
        if due and moved and ahead and due < today and not data.get("past_confirmed"):
            self.add_error("due_date", PAST_MILESTONE.format(date=due))
            self.fields["past_confirmed"].widget = forms.CheckboxInput()
        return data

    def changed_values(self) -> dict:
        values = super().changed_values()
        values.pop("past_confirmed", None)
        return values
