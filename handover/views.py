"""Pages of handovers (card 48) and of leaving with a handover.

Views stay thin: find the item through the selectors (visibility decided there), check the
permission, validate, call one service, turn a domain error into a message next to a field.
"""

import functools

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from handover import leaving, selectors, services
from handover.forms import ChecklistItemForm, HandoverForm, LeaveForm
from handover.models import ChecklistItem
from history.services import history_for, shown_history
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.forms import active_members
from workspaces.models import Membership
from workspaces.pages import (
    HISTORY_LENGTH,
    STALE_ACTION,
    add_domain_error,
    create_page,
    delete_page,
    item_page,
    posted_version,
)
from workspaces.rules import allowed, require
from workspaces.services import WorkspaceError
from workspaces.views import paginate, workspace_render
from workspaces.visibility import get_visible, sees

CARDS = [48, 22, 37]


@member_view
def handover_list(request, coproduction, viewer):
    rows = selectors.handovers_for(viewer)
    context = {"page": paginate(request, rows, "seite", anchor="liste"), "cards": CARDS}
    return workspace_render(request, "handover/handover_list.html", context, section="handover")


@member_view
def handover_create(request, coproduction, viewer):
    # Prefilled from the leave page (?geht=) and the mandate's rotation page (&mandat=).
    asked = {"leaving": request.GET.get("geht", ""), "mandate": request.GET.get("mandat", "")}
    initial = {name: int(value) for name, value in asked.items() if value.isdecimal()}

    def create(values):
        return services.handover_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(handover):
        messages.success(request, "Die Übergabe ist angelegt – mit vier Punkten zum Abhaken.")
        return redirect("handover:handover", coproduction.slug, handover.pk)

    return create_page(
        request,
        viewer,
        perm="handover.add",
        form_class=functools.partial(HandoverForm, initial=initial),
        create=create,
        done=done,
        template="handover/handover_form.html",
        section="handover",
    )


@member_view
def handover_detail(request, coproduction, viewer, pk):
    handover = get_visible(selectors.handover_detail_for(viewer), viewer, pk=pk)

    def update(form):
        services.handover_update(
            actor=request.user,
            handover=handover,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Die Übergabe ist gespeichert.")
        return redirect("handover:handover", coproduction.slug, handover.pk)

    return item_page(
        request,
        viewer,
        handover,
        form_class=HandoverForm,
        update=update,
        done=done,
        template="handover/handover_detail.html",
        section="handover",
        context=_detail_context(viewer, handover, ChecklistItemForm()),
        editable=not handover.signed,
    )


def _detail_context(viewer, handover, item_form) -> dict:
    mandate = handover.mandate
    return {
        "handover": handover,
        # Named only while the viewer sees its body (which may have narrowed since).
        "mandate": mandate if mandate and sees(viewer, mandate.body) else None,
        "items": list(handover.items.all()),
        "may_work": allowed(viewer.user, "handover.work", viewer, handover) and not handover.signed,
        # The mandate's rotation is asked of the mandate (structures), shown here too.
        "may_rotate": bool(mandate)
        and allowed(viewer.user, "workspaces.edit_item", viewer, mandate),
        "role": services.signer_role(viewer, handover),
        "may_sign": allowed(viewer.user, "handover.sign", viewer, handover),
        "item_form": item_form,
        "cards": CARDS,
    }


@member_view
def handover_delete(request, coproduction, viewer, pk):
    handover = get_visible(selectors.handovers_for(viewer), viewer, pk=pk)
    back = reverse("handover:handover", args=[coproduction.slug, handover.pk])
    return delete_page(
        request,
        viewer,
        handover,
        delete=lambda version: services.handover_delete(
            actor=request.user, handover=handover, expected_version=version
        ),
        what="Die",
        back_url=back,
        done_url=reverse("handover:list", args=[coproduction.slug]),
        section="handover",
        refusal="Eine von beiden abgezeichnete Übergabe bleibt." if handover.signed else "",
    )


def _working_on(request, viewer, pk):
    handover = get_visible(selectors.handovers_for(viewer), viewer, pk=pk)
    require(
        request.user,
        "handover.work",
        viewer,
        handover,
        message="Diese Übergabe bearbeiten ihre Seite und die beiden Beteiligten.",
    )
    return handover


@require_POST
@member_view
def checklist_add(request, coproduction, viewer, pk):
    handover = _working_on(request, viewer, pk)
    form = ChecklistItemForm(request.POST)
    if form.is_valid():
        try:
            services.checklist_add(
                actor=request.user, handover=handover, text=form.cleaned_data["text"]
            )
        except WorkspaceError as error:
            add_domain_error(form, error)
        else:
            return redirect(
                reverse("handover:handover", args=[coproduction.slug, pk]) + "#checkliste"
            )
    # The page again with the point as typed and the message next to it.
    context = {
        **_detail_context(viewer, handover, form),
        "item": handover,
        "may_edit": allowed(request.user, "workspaces.edit_item", viewer, handover)
        and not handover.signed,
        "history": shown_history(history_for(handover)[:HISTORY_LENGTH]),
    }
    return workspace_render(request, "handover/handover_detail.html", context, section="handover")


@require_POST
@member_view
def checklist_tick(request, coproduction, viewer, pk, item_pk):
    handover = _working_on(request, viewer, pk)
    item = get_object_or_404(ChecklistItem, handover=handover, pk=item_pk)
    item.handover = handover
    try:
        services.checklist_tick(
            actor=request.user,
            item=item,
            done=request.POST.get("done") == "1",
            expected_version=posted_version(request),
        )
    except StaleEdit:
        messages.error(request, STALE_ACTION)
    except WorkspaceError as error:
        messages.error(request, str(error))
    return redirect(reverse("handover:handover", args=[coproduction.slug, pk]) + "#checkliste")


@require_POST
@member_view
def handover_sign(request, coproduction, viewer, pk):
    handover = get_visible(selectors.handovers_for(viewer), viewer, pk=pk)
    require(
        request.user,
        "handover.sign",
        viewer,
        handover,
        message="Abzeichnen können nur die abgebende Person und die Nachfolge.",
    )
    try:
        services.handover_sign(
            actor=request.user,
            viewer=viewer,
            handover=handover,
            expected_version=posted_version(request),
        )
    except StaleEdit:
        messages.error(request, STALE_ACTION)
    except WorkspaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Abgezeichnet.")
    return redirect(reverse("handover:handover", args=[coproduction.slug, pk]) + "#abzeichnen")


@member_view
def leave(request, coproduction, viewer, pk):
    """Austreten: before a membership ends, who takes over what the person holds (card 48)."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "partner"),
        coproduction=coproduction,
        pk=pk,
        left_at__isnull=True,
    )
    own = membership.pk == viewer.membership.pk
    require(request.user, "handover.leave", viewer, membership)
    members = list(active_members(coproduction.pk))
    held = leaving.held_by(viewer, membership, members)
    data = request.POST if request.method == "POST" else None
    form = LeaveForm(data, held=held, members=members, leaving=membership)
    if request.method == "POST" and form.is_valid():
        try:
            leaving.leave_and_hand_over(
                actor=request.user,
                coproduction=coproduction,
                membership=membership,
                choices=form.choices(),
                handover_to=form.cleaned_data["handover_to"],
            )
        except StaleEdit as error:
            form = _again(request, viewer, membership, members, error)
        except WorkspaceError as error:
            form.add_error(None, str(error))
        else:
            if own:
                messages.success(request, f"Ihr seid aus „{coproduction.name}“ ausgetreten.")
                return redirect("workspaces:home")
            messages.success(request, f"Die Mitgliedschaft von {membership} ist beendet.")
            return redirect("workspaces:members", coproduction.slug)
    context = {
        "member": membership,
        "own": own,
        "form": form,
        "held": held,
        "other_side": membership.partner.side != viewer.side,
        "cards": CARDS,
    }
    return workspace_render(request, "handover/leave.html", context, section="members")


def _again(request, viewer, membership, members, error):
    """Someone changed one of the items meanwhile: the page again with what is stored now,
    the choices kept."""
    held = leaving.held_by(viewer, membership, members)
    data = request.POST.copy()
    for entry in held:
        data[f"{entry.key}-version"] = entry.item.version
    form = LeaveForm(data, held=held, members=members, leaving=membership)
    form.is_valid()
    form.add_error(
        None,
        f"„{error.current}“ hat jemand geändert, während ihr die Seite offen hattet. Nichts "
        "ist übergeben und ihr seid noch dabei: Prüft die Auswahl und bestätigt noch einmal.",
    )
    return form
