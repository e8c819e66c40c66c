from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from history.services import history_for, shown_history
from workspaces import selectors, services
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.forms import (
    CoproductionForm,
    FirstPartnerForm,
    InvitationForm,
    MembershipForm,
    PartnerForm,
    PartnerInviteForm,
)
from workspaces.models import Invitation, Membership, Partner
from workspaces.rules import allowed, require
from workspaces.services import WorkspaceError
from workspaces.visibility import Side

# Rows per page in every list of the Werkstatt: enough to scan, few enough to stay quick.
PAGE_SIZE = 20


def choice_filters(request, param: str, choices, current: str, counts=None, *, hide_empty=False):
    """Links that filter a list by one choice, „Alle“ first: the other query parameters stay,
    the list starts again at its first page. With ``counts`` (value → number) each link says
    how many it shows; ``hide_empty`` leaves out the choices with none."""
    filters = []
    for value, label in [("", "Alle"), *choices]:
        if hide_empty and value and not counts.get(value):
            continue
        query = request.GET.copy()
        query.pop("seite", None)
        if value:
            query[param] = value
        else:
            query.pop(param, None)
        link = {"label": label, "url": f"?{query.urlencode()}" if query else "?"}
        link["current"] = value == current
        if counts is not None:
            link["count"] = counts.get(value, 0) if value else sum(counts.values())
        filters.append(link)
    return filters


def paginate(request, rows, param: str, *, anchor: str = "", per_page: int = PAGE_SIZE, count=None):
    """A page of ``rows`` chosen by the query parameter ``param``; other parameters stay.
    ``count``: how many ``rows`` hold, where the page has counted them already (several
    sections counted in one query) — otherwise the paginator counts."""
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not asked again
    page = paginator.get_page(request.GET.get(param))

    def url(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")

    page.previous_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


# Names the shared templates ask for on every page (workspaces/base.html, _form.html,
# _conflict.html, _widen.html): present but empty where a page has none, because a missing
# name costs the template engine a raised and caught exception each time it is asked for.
ABSENT = {"form": "", "current": "", "widen": ""}


def workspace_render(request, template, context, *, section):
    context = {
        **ABSENT,
        "coproduction": request.coproduction,
        "viewer": request.viewer,
        "section": section,
        **context,
    }
    return render(request, template, context)


def stale_response(request, form, error: StaleEdit, template, context, *, section):
    """The second writer: keep their input, show the saved version next to it."""
    form.add_error(None, "Jemand hat diesen Eintrag gespeichert, während ihr ihn bearbeitet habt.")
    data = form.data.copy()
    data["version"] = error.current.version
    form.data = data
    context = {**context, "form": form, "current": error.current}
    return workspace_render(request, template, context, section=section)


@login_required
def home(request):
    invitations = selectors.invitations_waiting(request.user, timezone.now())
    return render(
        request,
        "workspaces/home.html",
        {"coproductions": selectors.coproductions_of(request.user), "invitations": invitations},
    )


@login_required
def coproduction_create(request):
    form = CoproductionForm(request.POST or None)
    partner_form = FirstPartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and partner_form.is_valid():
        coproduction = services.coproduction_create(
            actor=request.user,
            partner=partner_form.changed_values(),
            **form.changed_values(),
        )
        messages.success(
            request, "Die Ko-Produktion ist angelegt. Ladet jetzt eure Partner:innen ein."
        )
        return redirect("workspaces:partner_invite", coproduction.slug)
    return render(
        request, "workspaces/coproduction_form.html", {"form": form, "partner_form": partner_form}
    )


@member_view
def coproduction_edit(request, coproduction, viewer):
    require(request.user, "workspaces.manage", viewer)
    form = CoproductionForm(request.POST or None, instance=coproduction)
    if request.method == "POST" and form.is_valid():
        try:
            services.coproduction_update(
                actor=request.user,
                coproduction=coproduction,
                expected_version=form.expected_version(),
                **form.changed_values(),
            )
        except StaleEdit as error:
            return stale_response(
                request, form, error, "workspaces/coproduction_edit.html", {}, section="settings"
            )
        messages.success(request, "Gespeichert.")
        return redirect("kompass:overview", coproduction.slug)
    return workspace_render(
        request,
        "workspaces/coproduction_edit.html",
        {"form": form, "history": shown_history(history_for(coproduction)[:20])},
        section="settings",
    )


@member_view
def partner_list(request, coproduction, viewer):
    return workspace_render(
        request,
        "workspaces/partner_list.html",
        {"partners": selectors.partners_of(coproduction)},
        section="partners",
    )


@member_view
def partner_create(request, coproduction, viewer):
    require(request.user, "workspaces.manage", viewer)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = services.partner_create(
            actor=request.user, coproduction=coproduction, **form.changed_values()
        )
        messages.success(request, f"{partner.name} ist jetzt Partner:in.")
        return redirect("workspaces:partner", coproduction.slug, partner.pk)
    return workspace_render(
        request, "workspaces/partner_form.html", {"form": form}, section="partners"
    )


@member_view
def partner_detail(request, coproduction, viewer, pk):
    partner = get_object_or_404(Partner, coproduction=coproduction, pk=pk)
    may_edit = allowed(request.user, "workspaces.edit_partner", viewer, partner)
    form = None
    if may_edit:
        manages = allowed(request.user, "workspaces.manage", viewer)
        side_fixed = not manages or services.partner_side_fixed(partner)
        form = PartnerForm(request.POST or None, instance=partner, side_fixed=side_fixed)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.partner_update(
                    actor=request.user,
                    partner=partner,
                    expected_version=form.expected_version(),
                    **form.changed_values(),
                )
            except WorkspaceError as error:
                form.add_error(error.field, str(error))
            except StaleEdit as error:
                return stale_response(
                    request,
                    form,
                    error,
                    "workspaces/partner_detail.html",
                    {"partner": partner},
                    section="partners",
                )
            else:
                messages.success(request, "Das Profil ist gespeichert.")
                return redirect("workspaces:partner", coproduction.slug, partner.pk)
    return workspace_render(
        request,
        "workspaces/partner_detail.html",
        {
            "partner": partner,
            "form": form,
            "members": selectors.members_of(coproduction).filter(partner=partner),
            "history": shown_history(history_for(partner)[:20]),
        },
        section="partners",
    )


@member_view
def member_list(request, coproduction, viewer):
    manages = allowed(request.user, "workspaces.manage", viewer)
    return workspace_render(
        request,
        "workspaces/member_list.html",
        {
            "members": paginate(request, selectors.members_of(coproduction), "seite"),
            "former": selectors.members_of(coproduction, include_former=True).filter(
                left_at__isnull=False
            ),
            "invitations": selectors.open_invitations(coproduction) if manages else [],
            "undelivered": len(selectors.undelivered_mails(viewer)) if manages else 0,
            "manages": manages,
        },
        section="members",
    )


@member_view
def undelivered_mails(request, coproduction, viewer):
    """Mails the worker gave up on, for the coordination to follow up (the operator finds
    them in the log too)."""
    require(request.user, "workspaces.manage", viewer)
    mails = selectors.undelivered_mails(viewer)
    return workspace_render(
        request, "workspaces/undelivered.html", {"mails": mails}, section="members"
    )


@member_view
def member_invite(request, coproduction, viewer):
    require(request.user, "workspaces.manage", viewer)
    form = InvitationForm(request.POST or None, coproduction=coproduction, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user, coproduction=coproduction, **form.cleaned_data
            )
        except WorkspaceError as error:
            form.add_error(error.field or "email", str(error))
        else:
            messages.success(
                request, f"Die Einladung an {invitation.email} geht gleich per E-Mail hinaus."
            )
            return redirect("workspaces:members", coproduction.slug)
    return workspace_render(
        request, "workspaces/member_invite.html", {"form": form}, section="members"
    )


@member_view
def partner_invite(request, coproduction, viewer):
    """Erste Schritte: the next partner (by default of the side still missing) and its first
    member, in one form."""
    require(request.user, "workspaces.manage", viewer)
    sides = set(selectors.partners_of(coproduction).values_list("side", flat=True))
    missing = [s for s in (Side.ADMINISTRATION, Side.CIVIL_SOCIETY) if s not in sides]
    form = PartnerInviteForm(request.POST or None, suggested_side=missing[0] if missing else "")
    if request.method == "POST" and form.is_valid():
        values = form.changed_values()
        try:
            invitation = services.partner_create_and_invite(
                actor=request.user, coproduction=coproduction, **values
            )
        except WorkspaceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request,
                f"{invitation.partner.name} ist jetzt Partner:in. Die Einladung an "
                f"{invitation.email} geht gleich per E-Mail hinaus.",
            )
            return redirect("workspaces:members", coproduction.slug)
    context = {"form": form, "missing": [Side(s).label for s in missing]}
    return workspace_render(request, "workspaces/partner_invite.html", context, section="partners")


@require_POST
@member_view
def invitation_revoke(request, coproduction, viewer, pk):
    require(request.user, "workspaces.manage", viewer)
    invitation = get_object_or_404(Invitation, coproduction=coproduction, pk=pk)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, f"Die Einladung an {invitation.email} ist zurückgezogen.")
    return redirect("workspaces:members", coproduction.slug)


@member_view
def member_detail(request, coproduction, viewer, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "partner"), coproduction=coproduction, pk=pk
    )
    own = membership.pk == viewer.membership.pk
    may_edit = allowed(request.user, "workspaces.edit_membership", viewer, membership)
    form = None
    if may_edit:
        may_manage = allowed(request.user, "workspaces.manage", viewer)
        form = MembershipForm(
            request.POST or None, instance=membership, may_manage=may_manage, own=own
        )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.membership_update(
                    actor=request.user,
                    membership=membership,
                    expected_version=form.expected_version(),
                    **form.changed_values(),
                )
            except StaleEdit as error:
                return stale_response(
                    request,
                    form,
                    error,
                    "workspaces/member_detail.html",
                    {"member": membership, "own": own},
                    section="members",
                )
            except WorkspaceError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(request, "Gespeichert.")
                return redirect("workspaces:member", coproduction.slug, membership.pk)
    return workspace_render(
        request,
        "workspaces/member_detail.html",
        {
            "member": membership,
            "form": form,
            "own": own,
            "history": shown_history(history_for(membership)[:20]),
        },
        section="members",
    )


def invitation(request, token):
    """The invitation link. Whoever opens it sees who invites them to what — also before
    they have an account. The link itself proves the invited address (it was mailed there), so
    signing up from here with that address needs no second confirmation mail (allauth's
    verified-email stash). An accepted or expired link says so."""
    found = (
        Invitation.objects.select_related("coproduction", "partner", "invited_by")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if found is None:
        raise Http404("Diese Einladung gibt es nicht (mehr).")
    state = "open"
    if found.accepted_at:
        state = "accepted"
    elif found.expires_at < timezone.now():
        state = "expired"
    context = {"invitation": found, "state": state}
    if not request.user.is_authenticated:
        if state == "open":
            get_adapter(request).stash_verified_email(request, found.email)
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "workspaces/invitation.html", context)
    if request.method == "POST" and state == "open":
        try:
            services.invitation_accept(user=request.user, token=token)
        except WorkspaceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Willkommen in „{found.coproduction.name}“!")
            return redirect("kompass:onboarding", found.coproduction.slug)
    context["member"] = selectors.active_membership(request.user, found.coproduction) is not None
    context["other_address"] = request.user.email.lower() != found.email.lower()
    return render(request, "workspaces/invitation.html", context)
