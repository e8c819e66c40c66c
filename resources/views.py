"""Pages of positions and funding (cards 20, 21, 22, 26, 34, 35).

Views stay thin: the selectors decide visibility, the services the rules; the create, item
and delete pages come from workspaces.pages.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from resources import selectors, services, timeline
from resources.forms import FundingForm, PositionForm
from workspaces.decorators import member_view
from workspaces.pages import create_page, delete_page, item_page
from workspaces.views import paginate, workspace_render
from workspaces.visibility import get_visible

SECTION = "resources"


@member_view
def overview(request, coproduction, viewer):
    """The picture: positions and funding with their ends against the planned end."""
    today = timezone.localdate()
    context = {"timeline": timeline.build(coproduction, viewer, today=today)}
    return workspace_render(request, "resources/overview.html", context, section=SECTION)


# Positions ---------------------------------------------------------------------------------


@member_view
def position_list(request, coproduction, viewer):
    rows = selectors.positions_for(viewer).order_by("partner__side", "partner__name", "id")
    context = {"page": paginate(request, rows, "seite", anchor="liste")}
    return workspace_render(request, "resources/position_list.html", context, section=SECTION)


@member_view
def position_create(request, coproduction, viewer):
    def create(values):
        return services.position_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(position):
        messages.success(request, f"Die Stelle „{position.title}“ ist eingetragen.")
        return redirect("resources:position", coproduction.slug, position.pk)

    return create_page(
        request,
        viewer,
        perm="resources.add",
        form_class=PositionForm,
        create=create,
        done=done,
        template="resources/position_form.html",
        section=SECTION,
    )


@member_view
def position_detail(request, coproduction, viewer, pk):
    position = get_visible(selectors.positions_for(viewer), viewer, pk=pk)

    def update(form):
        services.position_update(
            actor=request.user,
            position=position,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Die Stelle ist gespeichert.")
        return redirect("resources:position", coproduction.slug, position.pk)

    fundings = selectors.fundings_for(viewer).filter(positions=position)
    return item_page(
        request,
        viewer,
        position,
        form_class=PositionForm,
        update=update,
        done=done,
        template="resources/position_detail.html",
        section=SECTION,
        context={"position": position, "fundings": fundings},
    )


@member_view
def position_delete(request, coproduction, viewer, pk):
    position = get_visible(selectors.positions_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        position,
        delete=lambda version: services.position_delete(
            actor=request.user, position=position, expected_version=version
        ),
        what="Die Stelle",
        note="Finanzierungen, die sie bezahlen, bleiben eingetragen und nennen sie nicht mehr.",
        back_url=reverse("resources:position", args=[coproduction.slug, position.pk]),
        done_url=reverse("resources:positions", args=[coproduction.slug]),
        section=SECTION,
    )


# Funding -----------------------------------------------------------------------------------


@member_view
def funding_list(request, coproduction, viewer):
    rows = selectors.funding_rows(viewer).order_by("end_date", "id")
    page = paginate(request, rows, "seite", anchor="liste")
    page.object_list = selectors.with_positions(viewer, page.object_list)
    context = {"page": page}
    return workspace_render(request, "resources/funding_list.html", context, section=SECTION)


@member_view
def funding_create(request, coproduction, viewer):
    def create(values):
        return services.funding_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(funding):
        messages.success(request, f"Die Finanzierung „{funding.title}“ ist eingetragen.")
        return redirect("resources:funding", coproduction.slug, funding.pk)

    return create_page(
        request,
        viewer,
        perm="resources.add",
        form_class=FundingForm,
        create=create,
        done=done,
        template="resources/funding_form.html",
        section=SECTION,
    )


@member_view
def funding_detail(request, coproduction, viewer, pk):
    funding = get_visible(selectors.fundings_for(viewer), viewer, pk=pk)

    def update(form):
        services.funding_update(
            actor=request.user,
            funding=funding,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Die Finanzierung ist gespeichert.")
        return redirect("resources:funding", coproduction.slug, funding.pk)

    return item_page(
        request,
        viewer,
        funding,
        form_class=FundingForm,
        update=update,
        done=done,
        template="resources/funding_detail.html",
        section=SECTION,
        context={"funding": funding},
    )


@member_view
def funding_delete(request, coproduction, viewer, pk):
    funding = get_visible(selectors.fundings_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        funding,
        delete=lambda version: services.funding_delete(
            actor=request.user, funding=funding, expected_version=version
        ),
        what="Die Finanzierung",
        back_url=reverse("resources:funding", args=[coproduction.slug, funding.pk]),
        done_url=reverse("resources:fundings", args=[coproduction.slug]),
        section=SECTION,
    )
