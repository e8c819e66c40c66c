from django import forms

from accounts.models import User
from accounts.names import FORMER_MEMBER


class DisplayNameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]
        error_messages = {
            "display_name": {"max_length": "Bitte höchstens %(limit_value)d Zeichen."},
        }

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        # Deleted accounts appear under this name; nobody may pose as one of them.
        if name.casefold() == FORMER_MEMBER.casefold():
            raise forms.ValidationError(
                "Diesen Namen tragen gelöschte Konten. Bitte wählt einen anderen."
            )
        return name


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label="Ja, mein Konto soll endgültig gelöscht werden.",
        error_messages={"required": "Bitte bestätigt, dass ihr euer Konto löschen wollt."},
    )
