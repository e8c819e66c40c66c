"""Pages of the conflict register (cards 24, 43, 49, 33).

Views stay thin: the selectors decide visibility, the services the rules; the generic create,
item and delete pages come from workspaces.pages.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from conflicts import selectors, services
from conflicts.forms import ConflictForm
from conflicts.models import Conflict
from workspaces.decorators import member_view
from workspaces.pages import create_page, delete_page, item_page
from workspaces.services import WorkspaceError
from workspaces.views import paginate, workspace_render
from workspaces.visibility import get_visible


def _status_filters(request, current: str, counts: dict[str, int]) -> list[dict]:
    filters = []
    for value, label in [("", "Alle"), *Conflict.Status.choices]:
        query = request.GET.copy()
        query.pop("seite", None)
        if value:
            query["stand"] = value
        else:
            query.pop("stand", None)
        filters.append(
            {
                "label": label,
                "count": counts.get(value, 0) if value else sum(counts.values()),
                "url": f"?{query.urlencode()}" if query else "?",
                "current": value == current,
            }
        )
    return filters


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
        "filters": _status_filters(request, status, selectors.status_counts(viewer)),
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
    try:
        return delete_page(
            request,
            viewer,
            conflict,
            delete=lambda version: services.conflict_delete(
                actor=request.user, conflict=conflict, expected_version=version
            ),
            what="Der Konflikt",
            back_url=back_url,
            done_url=reverse("conflicts:list", args=[coproduction.slug]),
            section="conflicts",
        )
    except WorkspaceError as error:
        messages.error(request, str(error))
        return redirect(back_url)
