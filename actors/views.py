"""Pages of the register of further actors and the stakeholder map (cards 47, 38, 28, 23, 49).

Views stay thin: the selectors decide visibility (contact data included), the services the
rules; the generic create, item and delete pages come from workspaces.pages.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from actors import selectors, services, stakeholder_map
from actors.forms import ActorForm
from actors.models import Actor
from workspaces.decorators import member_view
from workspaces.pages import create_page, delete_page, item_page
from workspaces.views import choice_filters, paginate, workspace_render
from workspaces.visibility import get_visible

SECTION = "actors"


@member_view
def actor_list(request, coproduction, viewer):
    kind = request.GET.get("art", "")
    if kind not in Actor.Kind.values:
        kind = ""
    rows = selectors.actors_for(viewer)
    if kind:
        rows = rows.filter(kind=kind)
    context = {
        "page": paginate(request, rows, "seite", anchor="liste"),
        "kind": kind,
        "filters": choice_filters(
            request, "art", Actor.Kind.choices, kind, selectors.kind_counts(viewer), hide_empty=True
        ),
    }
    return workspace_render(request, "actors/actor_list.html", context, section=SECTION)


@member_view
def actor_map(request, coproduction, viewer):
    """Die Akteurslandkarte: partners in the middle, actors around them by closeness, their
    size by influence, lines for their relations. The table below says the same in text."""
    actors = selectors.map_actors(viewer, limit=selectors.MAP_LIMIT)
    drawn = stakeholder_map.layout(
        selectors.partners_of(coproduction), actors, selectors.relations_of(actors)
    )
    context = {
        "map": drawn,
        "page": paginate(request, drawn.actors, "seite", anchor="tabelle"),
        "total": Actor.objects.visible_to(viewer).count(),
        "limit": selectors.MAP_LIMIT,
    }
    return workspace_render(request, "actors/actor_map.html", context, section=SECTION)


@member_view
def actor_create(request, coproduction, viewer):
    def create(values):
        return services.actor_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(item):
        messages.success(request, f"„{item.name}“ steht jetzt im Register der Akteure.")
        return redirect("actors:actor", coproduction.slug, item.pk)

    return create_page(
        request,
        viewer,
        perm="actors.add",
        form_class=ActorForm,
        create=create,
        done=done,
        template="actors/actor_form.html",
        section=SECTION,
    )


@member_view
def actor_detail(request, coproduction, viewer, pk):
    item = get_visible(selectors.actor_detail_rows(viewer), viewer, pk=pk)

    def update(form):
        services.actor_update(
            actor=request.user,
            item=item,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Der Eintrag ist gespeichert.")
        return redirect("actors:actor", coproduction.slug, item.pk)

    return item_page(
        request,
        viewer,
        item,
        form_class=ActorForm,
        update=update,
        done=done,
        template="actors/actor_detail.html",
        section=SECTION,
        context={"actor": item, "contact": selectors.sees_contact(viewer, item)},
    )


@member_view
def actor_delete(request, coproduction, viewer, pk):
    item = get_visible(selectors.actors_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        item,
        delete=lambda version: services.actor_delete(
            actor=request.user, item=item, expected_version=version
        ),
        what="Der Akteur",
        back_url=reverse("actors:actor", args=[coproduction.slug, item.pk]),
        done_url=reverse("actors:list", args=[coproduction.slug]),
        section=SECTION,
        note="Sein Verhältnis zu den Partner:innen wird mit gelöscht.",
    )
