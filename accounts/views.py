"""The account pages under /konto/ that allauth does not provide: overview, data, deletion.

Two of allauth's views are wrapped so that opening a link (GET) never changes anything: allauth
signs a person out when they open a confirmation or reset link of another account.
"""

import json

from allauth.account import views as allauth_views
from allauth.account.decorators import reauthentication_required
from allauth.account.utils import url_str_to_user_pk
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts import selectors, services
from accounts.forms import AccountDeleteForm, DisplayNameForm

DATA_PAGE_CHANGES = 50


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    form = DisplayNameForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        services.account_update(user=request.user, display_name=form.cleaned_data["display_name"])
        messages.success(request, "Euer Name ist gespeichert.")
        return redirect("accounts:overview")
    summary = selectors.account_summary(request.user)
    return render(request, "accounts/overview.html", {"form": form, "summary": summary})


@never_cache
@login_required
@require_GET
def data(request):
    data = selectors.personal_data(request.user, latest_changes=DATA_PAGE_CHANGES)
    return render(request, "accounts/data.html", {"data": data, "shown": DATA_PAGE_CHANGES})


@never_cache
@login_required
@require_GET
def data_json(request):
    payload = json.dumps(
        selectors.personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    filename = f"gemeinwerk-daten-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@reauthentication_required  # always asks again, whatever ACCOUNT_REAUTHENTICATION_REQUIRED says
@require_http_methods(["GET", "POST"])
def delete(request):
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, "Euer Konto ist gelöscht. Danke fürs Mitmachen!")
            return redirect("core:home")
    context = {
        "form": form,
        "memberships": selectors.active_memberships(request.user),
        "blocked": selectors.sole_coordinations(request.user),
    }
    return render(request, "accounts/delete.html", context)


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's e-mail confirmation; signing out of another account waits for the POST."""

    def logout_other_user(self, confirmation) -> None:
        if self.request.method == "POST":
            super().logout_other_user(confirmation)


confirm_email = ConfirmEmailView.as_view()


def password_reset_from_key(request, uidb36: str, key: str):
    """allauth's reset link; someone signed in to another account is asked to sign out first."""
    if request.method == "GET" and request.user.is_authenticated:
        try:
            other = url_str_to_user_pk(uidb36) != request.user.pk
        except ValueError:
            other = False
        if other:
            return render(
                request, "accounts/reset_other_account.html", {"next": request.get_full_path()}
            )
    return allauth_views.password_reset_from_key(request, uidb36=uidb36, key=key)
