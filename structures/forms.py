"""Forms of phase plans, bodies and mandates. Choices come from the co-production, so a form
never offers people or partners from elsewhere."""

from django import forms
from django.utils import timezone

from structures.models import Body, Mandate, PhasePlan
from workspaces.concurrency import MISSING_VERSION
from workspaces.forms import DATE, TextLimits, VersionedForm, VisibilityMixin, active_members
from workspaces.models import Membership, Partner
from workspaces.picker import PickMember, PickMembers
from workspaces.visibility import Visibility


class PhasePlanForm(TextLimits, forms.Form):
    """One phase of the Zusammenarbeit page; five of them (one per phase) post together."""

    joint = forms.BooleanField(label="Diese Phase gestalten wir gemeinsam", required=False)
    administration_part = forms.CharField(
        label="Was die Verwaltung einbringen kann",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    civil_society_part = forms.CharField(
        label="Was die Zivilgesellschaft einbringen kann",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, phase: str, plan: PhasePlan | None, **kwargs):
        initial = {"joint": True, "version": 0}
        if plan is not None:
            initial = {
                "joint": plan.joint,
                "administration_part": plan.administration_part,
                "civil_society_part": plan.civil_society_part,
                "version": plan.version,
            }
        super().__init__(*args, prefix=phase, initial=initial, **kwargs)
        self.phase = phase
        self.plan = plan
        self.label = PhasePlan.Phase(phase).label

    def values(self) -> dict:
        return {**self.cleaned_data, "version": self.cleaned_data.get("version") or 0}


class BodyForm(VisibilityMixin, VersionedForm):
    """A plenary, working group or steering group: purpose, rhythm, members (card 41)."""

    members = PickMembers(
        label="Mitglieder",
        queryset=Membership.objects.none(),
        required=False,
        help_text="Wer gehört zum Gremium? Zur Wahl stehen die Mitglieder eurer Ko-Produktion.",
    )

    class Meta:
        model = Body
        fields = [
            "name",
            "kind",
            "purpose",
            "meeting_rhythm",
            "decision_procedure",
            "quorum",
            "members",
            "visibility",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "decision_procedure": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": "Im Plenum kommen alle zusammen; Arbeitsgruppen bearbeiten ein Thema; eine "
            "Steuerungsgruppe hält den Prozess zusammen.",
            "meeting_rhythm": "Zum Beispiel „monatlich, dienstags ab 18 Uhr“.",
            "decision_procedure": "Wie entscheidet das Gremium in der Regel? Vereinbart es "
            "einmal gemeinsam (Karte 42).",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Body.Kind.choices
        self.fields["members"].queryset = active_members(viewer.coproduction_id)
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default=Visibility.COPRODUCTION)
        self.fields["visibility"].help_text += (
            " Öffentliche Gremien und ihre Mandate zeigen auf eurer öffentlichen Seite, wer "
            "entscheidet (Karten 17, 18)."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["members"] = [m.pk for m in self.instance.members.all()]


class MandateForm(VersionedForm):
    """Who represents which partner in the body, and what they may decide alone (card 41)."""

    class Meta:
        model = Mandate
        fields = [
            "partner",
            "holder",
            "may_decide_alone",
            "needs_consultation",
            "political_office",
            "rotates",
            "started_on",
            "ended_on",
        ]
        field_classes = {"holder": PickMember}
        labels = {"partner": "Vertritt die Partner:in"}
        widgets = {
            "may_decide_alone": forms.Textarea(attrs={"rows": 2}),
            "needs_consultation": forms.Textarea(attrs={"rows": 2}),
            "started_on": DATE,
            "ended_on": DATE,
        }
        help_texts = {
            "holder": "Eine Person, die für diese Partner:in dabei ist.",
            "needs_consultation": "Wofür muss sie erst Rücksprache mit ihrer Organisation "
            "halten? Die Rücksprachefrist der Partner:in gilt dann (Karten 26, 41).",
            "political_office": "Nehmen Mandatsträger:innen aus Rat oder Ausschuss teil?",
            "rotates": "Viele Initiativen wechseln ihre Vertretung regelmäßig.",
            "ended_on": "Leer, solange das Mandat läuft. Für einen Wechsel nutzt „Rotieren“.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            coproduction_id=viewer.coproduction_id, left_at__isnull=True
        )
        self.fields["holder"].queryset = active_members(viewer.coproduction_id)
        if not self.instance.pk:
            del self.fields["ended_on"]
            if not self.is_bound:
                self.initial["started_on"] = timezone.localdate()

    def clean(self):
        data = super().clean()
        partner, holder = data.get("partner"), data.get("holder")
        if partner and holder and holder.partner_id != partner.pk:
            self.add_error(
                "holder",
                f"{holder} ist nicht für „{partner.name}“ dabei. Ein Mandat hält eine Person "
                "der Partner:in, die sie vertritt.",
            )
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", "Das Mandat kann nicht enden, bevor es beginnt.")
        return data


class RotateForm(TextLimits, forms.Form):
    """Rotieren: who takes the mandate over, and from when."""

    holder = PickMember(
        label="Wer übernimmt das Mandat?",
        queryset=Membership.objects.none(),
        help_text="Zur Wahl stehen die anderen Mitglieder derselben Partner:in.",
    )
    started_on = forms.DateField(
        label="Ab wann?",
        widget=DATE,
        help_text="Am selben Tag endet das Mandat der bisherigen Person.",
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": MISSING_VERSION}
    )

    def __init__(self, *args, mandate: Mandate, today, **kwargs):
        super().__init__(*args, initial={"started_on": today, "version": mandate.version}, **kwargs)
        self.mandate = mandate
        self.fields["holder"].queryset = (
            active_members(mandate.coproduction_id)
            .filter(partner_id=mandate.partner_id)
            .exclude(pk=mandate.holder_id)
        )
        self.fields["holder"].empty_label = "– bitte wählen –"
