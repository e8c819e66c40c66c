"""The form of the register of further actors; bodies and members offered are those the
viewer sees, and one pair of fields per partner holds the actor's relation to it."""

from django import forms

from actors import selectors
from actors.models import Actor, Closeness
from workspaces.forms import VersionedForm, VisibilityMixin, active_members
from workspaces.picker import PickMember
from workspaces.visibility import Visibility

VISIBILITY_HELP = (
    "„Nur unsere Seite“ (voreingestellt): ihr notiert, wen ihr gewinnen wollt und wie ihr ihn "
    "einschätzt, bevor ihr das mit der anderen Seite teilt. „Alle Mitglieder“: ihr bindet den "
    "Akteur gemeinsam ein. „Öffentlich“: Name, Art und Rolle stehen auch auf der öffentlichen "
    "Seite – Kontaktdaten nur, wenn „Kontaktdaten öffentlich“ angekreuzt ist."
)


class ActorForm(VisibilityMixin, VersionedForm):
    """A further actor with card 47's questions, closeness and influence, contact data."""

    approached_by = PickMember(label="Wer übernimmt die Ansprache?", queryset=None, required=False)
    channel_owner = PickMember(
        label="Wer verantwortet den Kommunikationsweg?", queryset=None, required=False
    )

    class Meta:
        model = Actor
        fields = [
            "name",
            "kind",
            "role",
            "scope",
            "closeness",
            "influence",
            "why_join",
            "tasks",
            "approached_by",
            "channel",
            "channel_owner",
            "seat",
            "body",
            "may_decide",
            "dependencies",
            "contact_person",
            "contact_email",
            "contact_phone",
            "contact_public",
            "visibility",
        ]
        widgets = {
            "closeness": forms.RadioSelect,
            "influence": forms.RadioSelect,
            "seat": forms.RadioSelect,
            "why_join": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 3}),
            "may_decide": forms.Textarea(attrs={"rows": 2}),
            "dependencies": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "role": "Zum Beispiel: liefert Expertise, hat Entscheidungskompetenz, vertritt "
            "Interessen, bringt Ressourcen, steigert die Legitimität – oder bei externer "
            "Unterstützung: Organisator:in, Brückenbauer:in, Vermittler:in, Mediator:in "
            "(Karten 47, 49).",
            "scope": "Bei externer Unterstützung: dauerhaft oder punktuell, wofür und wie lange "
            "(Karte 49).",
            "closeness": "Wie nah steht der Akteur der Ko-Produktion? Danach steht er auf der "
            "Akteurslandkarte innen oder außen.",
            "tasks": "Welche Aufgaben sollen sie übernehmen? Welche haben sie in diesem "
            "Themenfeld schon (Vernetzung, Fachwissen, politischer Druck)?",
            "channel": "Welches ist der beste Weg zu ihnen: Telefon, Sprechstunde, Verteiler, "
            "ein gemeinsames Treffen?",
            "seat": "Sollen sie in ein Gremium der Ko-Produktion – dauerhaft oder punktuell? "
            "Haben sie die Ressourcen dafür?",
            "may_decide": "Werden sie Teil der Entscheidungsstrukturen? Was dürfen sie "
            "mitentscheiden, was nicht – und wie verändert das den Einfluss auf "
            "Entscheidungen?",
            "dependencies": "Von wem sind sie abhängig, was dürfen sie nicht zusagen, welche "
            "Umstände begrenzen, was sie tun können (Karte 28)?",
            "contact_person": "Kontaktdaten sehen nur Mitglieder mit Schreibzugang – keine "
            "Beobachter:innen, nicht die Öffentlichkeit.",
            "contact_public": "Nur ankreuzen, wenn die Person zugestimmt hat: Dann sehen alle, "
            "die den Eintrag sehen, die Kontaktdaten – bei einem öffentlichen Eintrag auch die "
            "öffentliche Seite.",
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        members = active_members(viewer.coproduction_id)
        self.fields["approached_by"].queryset = members
        self.fields["channel_owner"].queryset = members
        self.fields["body"].queryset = selectors.body_choices(viewer)
        self.fields["body"].empty_label = "– kein Gremium –"
        joint = bool(self.instance.pk) and not self.instance.owner_side
        self.limit_visibility(joint=joint, default=Visibility.SIDE)
        self.fields["visibility"].help_text = VISIBILITY_HELP
        self.partners = selectors.partners_of(viewer.coproduction_id)
        stored = {}
        if self.instance.pk:
            stored = {r.partner_id: r for r in self.instance.relations.all()}
        for partner in self.partners:
            relation = stored.get(partner.pk)
            self.fields[f"rel_{partner.pk}_closeness"] = forms.ChoiceField(
                label=f"Verhältnis zu „{partner.name}“: Nähe",
                choices=[("", "keine Angabe"), *Closeness.choices],
                required=False,
                initial=relation.closeness if relation else "",
            )
            self.fields[f"rel_{partner.pk}_text"] = forms.CharField(
                label=f"Verhältnis zu „{partner.name}“ in einem Satz",
                max_length=300,
                required=False,
                initial=relation.text if relation else "",
            )

    def clean(self):
        data = super().clean()
        for partner in self.partners:
            if data.get(f"rel_{partner.pk}_text", "").strip() and not data.get(
                f"rel_{partner.pk}_closeness"
            ):
                self.add_error(
                    f"rel_{partner.pk}_closeness",
                    "Wählt, wie nah der Akteur dieser Partner:in steht – oder lasst den Satz "
                    "zum Verhältnis leer.",
                )
        return data

    def changed_values(self) -> dict:
        values = {
            name: self.cleaned_data[name]
            for name in self.fields
            if name != "version" and not name.startswith("rel_")
        }
        values["relations"] = {
            partner.pk: (
                self.cleaned_data.get(f"rel_{partner.pk}_text", ""),
                self.cleaned_data.get(f"rel_{partner.pk}_closeness", ""),
            )
            for partner in self.partners
        }
        return values
