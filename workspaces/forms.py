from django import forms
from django.core.validators import MaxLengthValidator

from workspaces.concurrency import MISSING_VERSION
from workspaces.models import Coproduction, Invitation, Membership, Partner
from workspaces.services import may_invite_into
from workspaces.visibility import Side, Visibility


def without_blank_radio(form) -> None:
    """Radio buttons offer only real choices: a required one has no "---------", an optional
    one says "keine Angabe"."""
    for field in form.fields.values():
        static_choices = isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField | forms.MultipleChoiceField
        )
        if static_choices and type(field.widget) is forms.RadioSelect:
            choices = [c for c in field.choices if c[0] != ""]
            field.choices = choices if field.required else [("", "keine Angabe"), *choices]


# Shared by the feature apps' forms.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VISIBILITY_HELP = (
    "„Nur unsere Seite“ sehen nur die Mitglieder eurer Seite, „Alle Mitglieder“ alle in der "
    "Ko-Produktion, „Öffentlich“ auch die öffentliche Seite."
)
VISIBILITY_HELP_INTERNAL = (
    "„Nur unsere Seite“ sehen nur die Mitglieder eurer Seite, „Alle Mitglieder“ alle in der "
    "Ko-Produktion. Auf die öffentliche Seite kommt so ein Eintrag nicht."
)


def side_label(side: str) -> str:
    return Side(side).label if side else "gemeinsam"


def active_members(coproduction_id: int):
    return Membership.objects.filter(
        coproduction_id=coproduction_id, left_at__isnull=True
    ).select_related("user", "partner")


class VisibilityMixin:
    """Joint items are never side-only: they belong to no side that could hide them."""

    def limit_visibility(self, *, joint: bool, default: str, public: bool = True):
        """``public=False`` for items that cannot sensibly be public: the form does not
        offer what the public page would not show."""
        field = self.fields["visibility"]
        field.widget = forms.RadioSelect()
        field.help_text = VISIBILITY_HELP if public else VISIBILITY_HELP_INTERNAL
        choices = [c for c in Visibility.choices if not (joint and c[0] == Visibility.SIDE)]
        field.choices = [c for c in choices if public or c[0] != Visibility.PUBLIC]
        if not self.instance.pk and not self.is_bound:
            self.initial["visibility"] = default


# Free text has an end (issue 8 §4): room for pages of minutes, not for a pasted megabyte that
# makes every page and every history entry of the item megabytes large.
TEXT_LIMIT = 20_000  # characters of a multi-line field (a textarea)
LINE_LIMIT = 500  # characters of a one-line field without a limit of its own


class TextLimits:
    """Mixin of every form of the project (a test checks it): each text field without a
    maximum length gets one, with a German message next to the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                multiline = isinstance(field.widget, forms.Textarea)
                field.max_length = TEXT_LIMIT if multiline else LINE_LIMIT
                field.validators.append(
                    MaxLengthValidator(
                        field.max_length,
                        message="Das ist zu lang: höchstens %(limit_value)d Zeichen, bitte "
                        "(jetzt %(show_value)d). Längeres gehört in ein Dokument, auf das ihr "
                        "hier verweist.",
                    )
                )


class VersionedForm(TextLimits, forms.ModelForm):
    """A form for an item with a version: the version the person started from goes along."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_blank_radio(self)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("version") is None:
            self.add_error(None, MISSING_VERSION)
            # Shown again with the stored version: a second, deliberate save goes through.
            self.data = self.data.copy()
            self.data["version"] = self.instance.version
        return data

    def expected_version(self) -> int:
        return self.cleaned_data["version"]

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class CoproductionForm(VersionedForm):
    dimensions = forms.MultipleChoiceField(
        label="Welche Dimensionen der Teilhabe wollt ihr stärken?",
        choices=Coproduction.Dimension.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Siehe Karte 8 (Teilhabe).",
    )

    class Meta:
        model = Coproduction
        fields = [
            "name",
            "description",
            "kind",
            "field",
            "level",
            "dimensions",
            "start_date",
            "planned_end",
            "aims_permanent",
            "affected_groups",
            "affected_exchange",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "planned_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "affected_groups": forms.Textarea(attrs={"rows": 3}),
            "affected_exchange": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": "Eine Kooperation hat ein Ziel und ein Ende; eine Ko-Produktion soll dauerhaft "
            "Leistungen der Daseinsvorsorge erbringen (Karte 6).",
            "planned_end": "Leer lassen, wenn die Zusammenarbeit offen endet (Karte 35).",
            "aims_permanent": "Soll die Zusammenarbeit verstetigt werden? (Karte 34)",
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", "Das geplante Ende liegt vor dem Beginn.")
        return data


class PartnerForm(VersionedForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "side",
            "org_form",
            "decision_style",
            "consultation_days",
            "civil_mode",
            "networks",
            "responsibilities",
            "motivation",
            "experience",
            "experience_note",
        ]
        widgets = {
            "side": forms.RadioSelect,
            "experience": forms.RadioSelect,
            "experience_note": forms.Textarea(attrs={"rows": 2}),
            "networks": forms.Textarea(attrs={"rows": 2}),
            "responsibilities": forms.Textarea(attrs={"rows": 2}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "side": "Extern sind zum Beispiel Moderation oder Wissenschaft (Karte 49).",
            "civil_mode": "Nur für die Zivilgesellschaft: Organisieren sich Betroffene selbst, "
            "oder sprecht ihr für sie (Karte 23)?",
            "motivation": "Warum lasst ihr euch auf die Ko-Produktion ein? (Karten 12, 13)",
            "consultation_days": "Wie viele Tage braucht ihr für interne Rücksprache, bevor ihr "
            "entscheiden könnt? 0, wenn ihr ohne Rücksprache entscheidet; leer, solange ihr es "
            "noch nicht wisst. (Karten 26, 41)",
        }

    def __init__(self, *args, side_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if side_fixed and "side" in self.fields:
            # Shown, but a posted value is ignored: the side decides who sees what.
            self.fields["side"].disabled = True
            self.fields["side"].help_text = (
                "Die Seite steht fest, sobald eine Partner:in Mitglieder oder Einträge hat; "
                "vorher kann die Koordination sie berichtigen."
            )

    def clean(self):
        data = super().clean()
        if data.get("civil_mode") and data.get("side") != Side.CIVIL_SOCIETY:
            self.add_error(
                "civil_mode",
                "Selbstorganisation oder Stellvertretung gilt nur für die Zivilgesellschaft.",
            )
        return data


class FirstPartnerForm(PartnerForm):
    """The founder's own organisation, asked for when a co-production is opened."""

    prefix = "partner"

    class Meta(PartnerForm.Meta):
        fields = ["name", "side", "org_form", "decision_style"]


class PartnerInviteForm(FirstPartnerForm):
    """Die nächste Partner:in und ihr erstes Mitglied in einem Schritt (card 12): after opening
    a co-production, the other side is what is missing. The first member of a partner without
    members may be invited by any coordinator; afterwards that side invites its own."""

    prefix = None
    email = forms.EmailField(
        label="E-Mail-Adresse ihres ersten Mitglieds",
        help_text="Die Person bekommt eine Einladung per E-Mail und kann sich damit "
        "registrieren, ohne die Adresse noch einmal bestätigen zu müssen.",
    )
    access = forms.ChoiceField(
        label="Zugang des ersten Mitglieds",
        choices=Membership.Access.choices,
        initial=Membership.Access.COORDINATION,
        widget=forms.RadioSelect,
        help_text="Das erste Mitglied koordiniert meist die eigene Seite: Es lädt danach "
        "selbst weitere Mitglieder seiner Organisation ein.",
    )

    def __init__(self, *args, suggested_side: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if suggested_side and not self.is_bound:
            self.initial["side"] = suggested_side

    def changed_values(self) -> dict:
        values = super().changed_values()
        return {
            "partner": {k: v for k, v in values.items() if k not in ("email", "access")},
            "email": values["email"],
            "access": values["access"],
        }


class InvitationForm(TextLimits, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "partner", "access"]
        widgets = {"access": forms.RadioSelect}
        help_texts = {
            "access": "Koordination verwaltet Mitglieder und Einstellungen; Beobachtung kann "
            "lesen, aber nichts ändern.",
        }

    def __init__(self, *args, coproduction, actor, **kwargs):
        super().__init__(*args, **kwargs)
        without_blank_radio(self)
        partners = Partner.objects.filter(coproduction=coproduction, left_at__isnull=True)
        self.fields["partner"].queryset = partners.filter(
            pk__in=[p.pk for p in partners if may_invite_into(actor, p)]
        )
        self.fields["partner"].label = "Für welche Partner:in?"
        self.fields[
            "partner"
        ].help_text = (
            "In eine Seite, die schon Mitglieder hat, lädt nur deren eigene Koordination ein."
        )


class MembershipForm(VersionedForm):
    roles = forms.MultipleChoiceField(
        label="Rollen in der Ko-Produktion",
        choices=Membership.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Mehrere sind möglich (Karte 27).",
    )

    class Meta:
        model = Membership
        fields = [
            "partner",
            "access",
            "employment",
            "availability",
            "roles",
            "role_conflicts",
            "email_reminders",
            "weekly_digest",
        ]
        widgets = {
            "access": forms.RadioSelect,
            "employment": forms.RadioSelect,
            "role_conflicts": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "employment": "Ehrenamtliche haben meist abends und am Wochenende Zeit (Karte 26).",
            "role_conflicts": "Zum Beispiel: Interessenvertretung und Geldgeber:in zugleich.",
        }

    def __init__(self, *args, may_manage: bool, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # A membership never changes side (workspaces.services.membership_update).
        self.fields["partner"].queryset = Partner.objects.filter(
            coproduction=self.instance.coproduction,
            left_at__isnull=True,
            side=self.instance.partner.side,
        )
        if not may_manage:
            # Only coordination changes who is on which side and with which access.
            del self.fields["partner"]
            del self.fields["access"]
        if not own:
            # Whether someone gets e-mail is theirs to decide alone.
            del self.fields["email_reminders"]
            del self.fields["weekly_digest"]
