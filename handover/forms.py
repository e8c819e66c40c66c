"""Forms of handovers and of leaving with a handover. Choices come from the co-production."""

from django import forms
from django.db.models import Q

from handover.models import Handover
from structures.models import Body, Mandate
from workspaces.concurrency import MISSING_VERSION
from workspaces.forms import DATE, TextLimits, VersionedForm, VisibilityMixin, active_members
from workspaces.models import Membership
from workspaces.visibility import Visibility

NOBODY = "niemand – offen lassen (der Kompass-Check erinnert daran)"


def _person(membership) -> str:
    gone = " – ausgetreten" if membership.left_at else ""
    return f"{membership} ({membership.partner.name}{gone})"


class HandoverForm(VisibilityMixin, VersionedForm):
    class Meta:
        model = Handover
        fields = [
            "leaving",
            "successor",
            "mandate",
            "overlap_from",
            "overlap_to",
            "note",
            "visibility",
        ]
        widgets = {
            "overlap_from": DATE,
            "overlap_to": DATE,
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "leaving": "Auch wer schon ausgetreten ist, lässt sich hier nennen.",
            "mandate": "Rotiert mit der Übergabe ein Mandat? Die Rotation selbst macht ihr "
            "beim Mandat, am Ende der gemeinsamen Zeit.",
            "overlap_from": "Eine Zeit, in der beide die Aufgabe gemeinsam tragen.",
            "note": "Was steht an, wen sollte die Nachfolge kennen, wo liegt was?",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        people = Membership.objects.filter(coproduction_id=viewer.coproduction_id)
        self.fields["leaving"].queryset = people.select_related("user", "partner")
        self.fields["successor"].queryset = active_members(viewer.coproduction_id)
        for name in ("leaving", "successor"):
            self.fields[name].label_from_instance = _person
        running = Q(ended_on__isnull=True) | Q(pk=self.instance.mandate_id)
        self.fields["mandate"].queryset = (
            Mandate.objects.filter(body__in=Body.objects.visible_to(viewer))
            .filter(running)
            .select_related("body", "partner", "holder__user")
        )
        self.fields["mandate"].label_from_instance = lambda m: (
            f"{m.partner.name} in {m.body.name} ({m.holder})"
        )
        self.limit_visibility(joint=False, default=Visibility.COPRODUCTION, public=False)
        self.fields[
            "visibility"
        ].help_text += " „Nur unsere Seite“ passt, wenn die Übergabe Dinge eurer Seite betrifft."


class ChecklistItemForm(TextLimits, forms.Form):
    text = forms.CharField(label="Eigener Punkt")


class LeaveForm(TextLimits, forms.Form):
    """One successor per held item (or nobody), each with the version it was shown at, and
    optionally a handover with checklist to one person."""

    handover_to = forms.ModelChoiceField(
        label="Übergabe mit Checkliste festhalten an",
        queryset=Membership.objects.none(),
        required=False,
        empty_label="keine Übergabe festhalten",
        help_text="Für Kontakte, Dokumente und Zugänge: Die Person bekommt eine Übergabe mit "
        "Checkliste, die ihr beide abzeichnet.",
    )

    def __init__(self, *args, held: list, members: list, leaving, **kwargs):
        super().__init__(*args, **kwargs)
        self.held = held
        self.fields["handover_to"].queryset = active_members(leaving.coproduction_id).exclude(
            pk=leaving.pk
        )
        for entry in held:
            if not entry.may_edit:
                continue
            self.fields[entry.key] = forms.TypedChoiceField(
                label=f"{entry.kind}: {entry.label} – wer übernimmt?",
                choices=[("", NOBODY), *[(m.pk, str(m)) for m in entry.candidates]],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{entry.key}-version"] = forms.IntegerField(
                widget=forms.HiddenInput,
                initial=entry.item.version,
                error_messages={"required": MISSING_VERSION, "invalid": MISSING_VERSION},
            )
            entry.field = self[entry.key]
        self.by_pk = {m.pk: m for m in members}

    def choices(self) -> list:
        return [
            (
                entry,
                self.by_pk.get(self.cleaned_data[entry.key]),
                self.cleaned_data[f"{entry.key}-version"],
            )
            for entry in self.held
            if entry.may_edit
        ]
