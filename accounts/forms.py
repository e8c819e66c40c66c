from django import forms

from accounts.models import User
from accounts.names import FORMER_MEMBER
from workspaces.forms import TextLimits


def clean_name(value: str) -> str:
    name = " ".join(value.split())
    # Deleted accounts appear under this name; nobody may pose as one of them.
    if name.casefold() == FORMER_MEMBER.casefold():
        raise forms.ValidationError(
            "Diesen Namen tragen gelöschte Konten. Bitte wählt einen anderen."
        )
    return name


class DisplayNameForm(TextLimits, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]
        error_messages = {
            "display_name": {"max_length": "Bitte höchstens %(limit_value)d Zeichen."},
        }

    def clean_display_name(self):
        return clean_name(self.cleaned_data["display_name"])


class SignupNameForm(TextLimits, forms.Form):
    """The name others see, asked at sign-up (allauth adds the e-mail and password fields)."""

    display_name = forms.CharField(
        label="Name",
        max_length=User._meta.get_field("display_name").max_length,
        required=False,
        help_text=(
            "So sehen euch die anderen Mitglieder, zum Beispiel „Ines Peters (Ernährungsrat)“. "
            "Ohne Namen sehen sie den Teil eurer E-Mail-Adresse vor dem @."
        ),
        error_messages={"max_length": "Bitte höchstens %(limit_value)d Zeichen."},
    )

    def clean_display_name(self):
        return clean_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


class AccountDeleteForm(TextLimits, forms.Form):
    confirm = forms.BooleanField(
        label="Ja, mein Konto soll endgültig gelöscht werden.",
        error_messages={"required": "Bitte bestätigt, dass ihr euer Konto löschen wollt."},
    )
