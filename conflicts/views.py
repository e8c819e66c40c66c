"""Pages of the conflict register (cards 24, 43, 49, 33).

Views stay thin: the selectors decide visibility, the services the rules; the generic create,
item and delete pages come from workspaces.pages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from conflicts import selectors, services
from conflicts.forms import ConflictAgreementForm, ConflictForm
from conflicts.models import Conflict, ConflictAgreement
from history.services import history_for, shown_history
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.pages import create_page, delete_page, item_page
from workspaces.rules import allowed
from workspaces.views import choice_filters, paginate, stale_response, workspace_render
from workspaces.visibility import get_visible


@member_view
def conflict_list(request, coproduction, viewer):
    status = request.GET.get("stand", "")
    if status not in Conflict.Status.values:
        status = ""
    rows = selectors.conflicts_for(viewer)
    if status:
        rows = rows.filter(status=status)
    context = {
        "page": paginate(request, rows, "seite", anchor="liste"),
        "status": status,
        "filters": choice_filters(
            request, "stand", Conflict.Status.choices, status, selectors.status_counts(viewer)
        ),
        "agreement": ConflictAgreement.objects.filter(coproduction=coproduction).exists(),
    }
    return workspace_render(request, "conflicts/conflict_list.html", context, section="conflicts")


@member_view
def conflict_create(request, coproduction, viewer):
    def create(values):
        return services.conflict_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(conflict):
        messages.success(request, f"Der Konflikt „{conflict.title}“ ist eingetragen.")
        return redirect("conflicts:conflict", coproduction.slug, conflict.pk)

    return create_page(
        request,
        viewer,
        perm="conflicts.add",
        form_class=ConflictForm,
        create=create,
        done=done,
        template="conflicts/conflict_form.html",
        section="conflicts",
    )


@member_view
def conflict_detail(request, coproduction, viewer, pk):
    conflict = get_visible(selectors.conflicts_for(viewer), viewer, pk=pk)

    def update(form):
        services.conflict_update(
            actor=request.user,
            conflict=conflict,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Der Konflikt ist gespeichert.")
        return redirect("conflicts:conflict", coproduction.slug, conflict.pk)

    return item_page(
        request,
        viewer,
        conflict,
        form_class=ConflictForm,
        update=update,
        done=done,
        template="conflicts/conflict_detail.html",
        section="conflicts",
        context={"conflict": conflict},
    )


@member_view
def conflict_delete(request, coproduction, viewer, pk):
    """Conflicts entered by mistake; one a decision settled stays (services.conflict_delete).
    The reason is shown on the conflict, before anyone is asked to confirm."""
    conflict = get_visible(selectors.conflicts_for(viewer), viewer, pk=pk)
    back_url = reverse("conflicts:conflict", args=[coproduction.slug, conflict.pk])
    return delete_page(
        request,
        viewer,
        conflict,
        refusal=services.conflict_delete_refusal(conflict),
        delete=lambda version: services.conflict_delete(
            actor=request.user, conflict=conflict, expected_version=version
        ),
        what="Der Konflikt",
        back_url=back_url,
        done_url=reverse("conflicts:list", args=[coproduction.slug]),
        section="conflicts",
    )


@member_view
def agreement(request, coproduction, viewer):
    """Umgang mit Konflikten: read by every member, agreed and changed by coordinators."""
    current = ConflictAgreement.objects.filter(coproduction=coproduction).first()
    may_edit = allowed(request.user, "conflicts.agree_procedure", viewer)
    form = ConflictAgreementForm(request.POST or None, instance=current) if may_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Den Umgang mit Konflikten vereinbaren die Koordinator:innen.")
        if form.is_valid():
            try:
                services.conflict_agreement_save(
                    actor=request.user,
                    coproduction=coproduction,
                    text=form.cleaned_data["text"],
                    expected_version=form.expected_version() if current else None,
                )
            except StaleEdit as error:
                return stale_response(
                    request, form, error, "conflicts/agreement.html", {}, section="conflicts"
                )
            messages.success(request, "Der Umgang mit Konflikten ist gespeichert.")
            return redirect("conflicts:agreement", coproduction.slug)
    context = {
        "agreement": current,
        "form": form,
        "history": shown_history(history_for(current)[:20]) if current else [],
    }
    return workspace_render(request, "conflicts/agreement.html", context, section="conflicts")
