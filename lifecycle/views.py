"""Pages of the life cycle (cards 34–38): the stage, ways of making it permanent, the
closing, plans to reach beyond. The generic create, item and delete pages come from
workspaces.pages; the stage form is the co-production's own (workspaces.stage)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from history.services import history_for, shown_history
from lifecycle import selectors, services
from lifecycle.forms import ClosingForm, ImpactForm, PathForm, StageForm
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.models import Coproduction
from workspaces.pages import create_page, delete_page, item_page
from workspaces.services import WorkspaceError
from workspaces.stage import check_stage_change, coproduction_stage_change
from workspaces.views import paginate, workspace_render
from workspaces.visibility import get_visible

SECTION = "lifecycle"
STAGE_HISTORY = 10


@member_view
def overview(request, coproduction, viewer):
    context = {
        "paths": paginate(request, selectors.paths_for(viewer), "wege", anchor="verstetigung"),
        "closing": selectors.closing_for(viewer),
        "plans": paginate(request, selectors.impact_plans_for(viewer), "seite", anchor="wirkung"),
        "may_change_stage": viewer.coordinates,
    }
    return workspace_render(request, "lifecycle/overview.html", context, section=SECTION)


# What ending means, named before it happens.
ENDING_MEANS = [
    "Niemand kann danach noch etwas ändern, anlegen, abstimmen oder beantworten – auch nicht "
    "den Abschluss oder ob er öffentlich ist.",
    "Alle Mitglieder können weiter alles lesen und exportieren (Beschlussbuch, Protokolle, "
    "Kalender).",
    "Es gehen keine wöchentlichen Zusammenfassungen mehr hinaus.",
    "Eine Koordination – eurer oder der anderen Seite – kann sie mit Begründung wieder öffnen; "
    "das steht im Verlauf.",
]
STALE_STAGE = (
    "Jemand hat die Ko-Produktion inzwischen geändert. Prüft die Phase und wählt noch einmal."
)


@member_view
def stage(request, coproduction, viewer):
    """Die Lebensphase wechseln — coordinators of either side; ending asks once more."""
    if not viewer.coordinates:
        raise PermissionDenied("Die Phase wechselt die Koordination.")
    form = StageForm(request.POST or None, coproduction=coproduction)
    confirm = None
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            check_stage_change(coproduction, **values)
            if values["stage"] == Coproduction.Stage.ENDED and request.POST.get("confirmed") != "1":
                confirm = ENDING_MEANS
            else:
                coproduction_stage_change(
                    actor=request.user,
                    coproduction=coproduction,
                    expected_version=form.cleaned_data["version"],
                    **values,
                )
                messages.success(
                    request, f"Die Ko-Produktion ist jetzt: {coproduction.get_stage_display()}."
                )
                return redirect("lifecycle:overview", coproduction.slug)
        except StaleEdit:
            form.add_error(None, STALE_STAGE)
        except WorkspaceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
    context = {
        "form": form,
        "confirm": confirm,
        "history": shown_history(history_for(coproduction)[:STAGE_HISTORY]),
    }
    return workspace_render(request, "lifecycle/stage.html", context, section=SECTION)


@member_view
def path_create(request, coproduction, viewer):
    def create(values):
        return services.path_create(actor=request.user, coproduction=coproduction, **values)

    def done(item):
        messages.success(request, f"Der Weg „{item}“ ist eingetragen.")
        return redirect("lifecycle:path", coproduction.slug, item.pk)

    return create_page(
        request,
        viewer,
        perm="lifecycle.add",
        form_class=PathForm,
        create=create,
        done=done,
        template="lifecycle/path_form.html",
        section=SECTION,
    )


@member_view
def path_detail(request, coproduction, viewer, pk):
    item = get_visible(selectors.paths_for(viewer), viewer, pk=pk)

    def update(form):
        services.path_update(
            actor=request.user,
            permanence_path=item,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Der Weg der Verstetigung ist gespeichert.")
        return redirect("lifecycle:path", coproduction.slug, item.pk)

    return item_page(
        request,
        viewer,
        item,
        form_class=PathForm,
        update=update,
        done=done,
        template="lifecycle/path_detail.html",
        section=SECTION,
        context={"path": item},
    )


@member_view
def path_delete(request, coproduction, viewer, pk):
    item = get_visible(selectors.paths_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        item,
        delete=lambda version: services.path_delete(
            actor=request.user, permanence_path=item, expected_version=version
        ),
        what="Der Weg der Verstetigung",
        back_url=reverse("lifecycle:path", args=[coproduction.slug, item.pk]),
        done_url=reverse("lifecycle:overview", args=[coproduction.slug]),
        section=SECTION,
    )


@member_view
def closing(request, coproduction, viewer):
    """The one closing reflection: written first by any editor, then edited (versioned)."""
    current = selectors.closing_for(viewer)

    def save(values, version=None):
        return services.closing_save(
            actor=request.user, coproduction=coproduction, expected_version=version, **values
        )

    def done(*_):
        messages.success(request, "Der Abschluss ist gespeichert.")
        return redirect("lifecycle:closing", coproduction.slug)

    if current is None:
        return create_page(
            request,
            viewer,
            perm="lifecycle.add",
            form_class=ClosingForm,
            create=save,
            done=done,
            template="lifecycle/closing_form.html",
            section=SECTION,
        )
    return item_page(
        request,
        viewer,
        current,
        form_class=ClosingForm,
        update=lambda form: save(form.changed_values(), form.expected_version()),
        done=done,
        template="lifecycle/closing.html",
        section=SECTION,
        context={"closing": current},
    )


@member_view
def impact_create(request, coproduction, viewer):
    def create(values):
        return services.impact_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(item):
        messages.success(request, f"Das Vorhaben „{item}“ ist eingetragen.")
        return redirect("lifecycle:impact", coproduction.slug, item.pk)

    return create_page(
        request,
        viewer,
        perm="lifecycle.add",
        form_class=ImpactForm,
        create=create,
        done=done,
        template="lifecycle/impact_form.html",
        section=SECTION,
    )


@member_view
def impact_detail(request, coproduction, viewer, pk):
    item = get_visible(selectors.impact_plans_for(viewer), viewer, pk=pk)

    def update(form):
        services.impact_update(
            actor=request.user,
            impact=item,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Das Vorhaben ist gespeichert.")
        return redirect("lifecycle:impact", coproduction.slug, item.pk)

    return item_page(
        request,
        viewer,
        item,
        form_class=ImpactForm,
        update=update,
        done=done,
        template="lifecycle/impact_detail.html",
        section=SECTION,
        context={"plan": item},
    )


@member_view
def impact_delete(request, coproduction, viewer, pk):
    item = get_visible(selectors.impact_plans_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        item,
        delete=lambda version: services.impact_delete(
            actor=request.user, impact=item, expected_version=version
        ),
        what="Das Vorhaben",
        back_url=reverse("lifecycle:impact", args=[coproduction.slug, item.pk]),
        done_url=reverse("lifecycle:overview", args=[coproduction.slug]),
        section=SECTION,
    )
