"""Page shapes shared by every Werkstatt app: create, show-and-edit, delete an item.

Views stay thin: find the item through the selectors (visibility decided there), check the
permission, validate, call one service, turn a domain error into a message next to a field.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from history.services import history_for, shown_history
from workspaces import picker
from workspaces.concurrency import MISSING_VERSION, StaleEdit
from workspaces.rules import allowed, require
from workspaces.selectors import audience_after
from workspaces.services import WorkspaceError
from workspaces.views import stale_response, workspace_render

HISTORY_LENGTH = 20
NOT_YOURS = "Diesen Eintrag können nur Mitglieder der Seite ändern, der er gehört."
STALE_ACTION = (
    "Jemand hat diesen Eintrag inzwischen geändert. Schaut ihn euch noch einmal an und "
    "versucht es dann erneut."
)


def require_item_edit(viewer, item) -> None:
    """Observers and the other side's members read; only the owner's editors change."""
    require(viewer.user, "workspaces.edit_item", viewer, item, message=NOT_YOURS)


def posted_version(request) -> int:
    """The version a POST action started from; without it nothing is changed."""
    value = request.POST.get("version", "")
    if not value.isdecimal():  # isdigit would let "²" through to int()
        raise WorkspaceError(MISSING_VERSION)
    return int(value)


def add_domain_error(form, error: WorkspaceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


def create_page(
    request, viewer, *, perm, form_class, create, done, template, section, context=None
):
    """A form for a new item; ``perm`` names who may add it (the app's rule, also asked by the
    button that leads here), ``create(values)`` calls the service, ``done(item)`` redirects."""
    require(request.user, perm, viewer)
    form = form_class(request.POST or None, viewer=viewer)
    if matches := picker.results_response(request, form):
        return matches
    if request.method == "POST" and not picker.search_step(request, form) and form.is_valid():
        try:
            item = create(form.changed_values())
        except WorkspaceError as error:
            add_domain_error(form, error)
        else:
            return done(item)
    context = {**(context or {}), "form": form}
    return workspace_render(request, template, context, section=section)


# From the narrowest to the widest audience.
WIDTH = ["side", "coproduction", "public"]


def widening(request, item, form) -> dict | None:
    """When the posted visibility lets more people see ``item`` than now and the editor has not
    yet confirmed exactly that: what the confirmation names (the item, who sees it now and
    who then). Works without JavaScript: the form comes back with the input kept."""
    wanted = form.cleaned_data.get("visibility")
    if wanted not in WIDTH or item.visibility not in WIDTH:
        return None
    if WIDTH.index(wanted) <= WIDTH.index(item.visibility):
        return None
    if request.POST.get("widen_confirmed") == wanted:
        return None
    coproduction = item.coproduction
    return {
        "item": item,
        "visibility": wanted,
        "label": dict(form.fields["visibility"].choices).get(wanted, wanted),
        "before": audience_after(coproduction, item.visibility, item.owner_side),
        "after": audience_after(coproduction, wanted, item.owner_side),
    }


def item_page(
    request,
    viewer,
    item,
    *,
    form_class,
    update,
    done,
    template,
    section,
    context=None,
    editable=True,
):
    """An item with its visibility and history; its editors get the form (version checked)
    unless the domain has made the item a record (``editable`` false). Widening who sees it
    is asked once, naming the item and its new audience."""
    may_edit = editable and allowed(request.user, "workspaces.edit_item", viewer, item)
    form = None
    if may_edit:
        # The form works on a copy: if saving fails, the page still shows the stored item.
        form = form_class(request.POST or None, instance=copy.copy(item), viewer=viewer)
    if matches := picker.results_response(request, form):
        return matches
    context = {
        **(context or {}),
        "item": item,
        "form": form,
        "may_edit": may_edit,
        "history": shown_history(history_for(item)[:HISTORY_LENGTH]),
    }
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(NOT_YOURS)
        searching = picker.search_step(request, form)
        if not searching and form.is_valid() and not (widen := widening(request, item, form)):
            try:
                update(form)
            except StaleEdit as error:
                return stale_response(request, form, error, template, context, section=section)
            except WorkspaceError as error:
                add_domain_error(form, error)
            else:
                return done()
        elif not searching and form.is_valid():
            context["widen"] = widen
    return workspace_render(request, template, context, section=section)


# The cards each area of this app rests on (shown on pages that have no more specific ones).
SECTION_CARDS = {
    "goals": [30, 31, 33],
    "strategy": [31],
    "milestones": [32, 52],
    "meetings": [44, 50],
    "bodies": [41, 17],
    "conflicts": [24, 43, 49],
    "resources": [20, 21, 22],
    "reflection": [46, 11],
    "handover": [48, 22, 37],
    "actors": [47, 23, 49],
    "knowledge": [48, 51, 37],
    "lifecycle": [34, 36, 37],
}


def delete_page(
    request,
    viewer,
    item,
    *,
    delete,
    what: str,
    back_url: str,
    done_url: str,
    section,
    note="",
    refusal="",
):
    """GET asks, POST deletes — unless someone changed the item since it was shown. ``note``
    tells what else happens (or does not) when the item goes. When the domain keeps the item
    (``refusal``, or the service refusing on POST), back to the item with the reason."""
    require_item_edit(viewer, item)
    if refusal:
        messages.error(request, refusal)
        return redirect(back_url)
    if request.method == "POST":
        try:
            delete(posted_version(request))
        except StaleEdit:
            messages.error(request, STALE_ACTION)
            return redirect(back_url)
        except WorkspaceError as error:
            messages.error(request, str(error))
            return redirect(back_url)
        messages.success(request, f"{what} „{item}“ ist gelöscht.")
        return redirect(done_url)
    context = {
        "item": item,
        "what": what,
        "note": note,
        "back_url": back_url,
        "cards": SECTION_CARDS[section],
    }
    return workspace_render(request, "workspaces/confirm_delete.html", context, section=section)
