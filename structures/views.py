"""Pages of the Zusammenarbeit (phases, card 40), bodies and mandates (card 41).

Views stay thin: find the item through the selectors (visibility decided there), check the
permission, validate, call one service, turn a domain error into a message next to a field.
The generic create/item/delete pages come from workspaces.pages.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from history.services import shown_history
from structures import selectors, services
from structures.forms import BodyForm, MandateForm, PhasePlanForm, RotateForm
from structures.models import PhasePlan
from workspaces import picker
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.pages import (
    add_domain_error,
    create_page,
    delete_page,
    item_page,
    require_item_edit,
)
from workspaces.rules import allowed, require
from workspaces.services import WorkspaceError
from workspaces.views import paginate, workspace_render
from workspaces.visibility import get_visible

HISTORY_LENGTH = 20


# Zusammenarbeit: intensity per phase (card 40) ---------------------------------------------


@member_view
def phases(request, coproduction, viewer):
    """Per phase: done jointly or not, and what each side can put in — one form for all."""
    plans = selectors.phase_plans(viewer)
    data = request.POST if request.method == "POST" else None
    forms = [
        PhasePlanForm(data, phase=phase, plan=plans.get(phase)) for phase in PhasePlan.Phase.values
    ]
    may_edit = allowed(request.user, "structures.plan_phases", viewer)
    if request.method == "POST":
        require(request.user, "structures.plan_phases", viewer)
        if all(form.is_valid() for form in forms):
            try:
                services.phase_plans_save(
                    actor=request.user,
                    coproduction=coproduction,
                    plans={form.phase: form.values() for form in forms},
                )
            except StaleEdit as error:
                _mark_stale(forms, error.current)
            except WorkspaceError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Die Zusammenarbeit je Phase ist gespeichert.")
                return redirect("structures:phases", coproduction.slug)
    context = {
        "forms": forms,
        "may_edit": may_edit,
        "rows": _rows(forms),
        "history": shown_history(selectors.phase_history(plans.values())[:HISTORY_LENGTH]),
    }
    return workspace_render(request, "structures/phases.html", context, section="phases")


def _rows(forms) -> list[dict]:
    return [{"label": form.label, "plan": form.plan} for form in forms]


def _mark_stale(forms, current: PhasePlan) -> None:
    """The second writer keeps their input and sees what is saved now for that phase."""
    for form in forms:
        if form.phase == current.phase:
            form.add_error(
                None,
                "Jemand hat diese Phase gespeichert, während ihr sie bearbeitet habt. Der "
                "gespeicherte Stand steht darunter; speichert erneut, wenn eure Fassung gelten "
                "soll.",
            )
            data = form.data.copy()
            data[form.add_prefix("version")] = current.version
            form.data = data
            form.current = current


# Bodies ------------------------------------------------------------------------------------


@member_view
def body_list(request, coproduction, viewer):
    context = {"page": paginate(request, selectors.body_list(viewer), "seite")}
    return workspace_render(request, "structures/body_list.html", context, section="bodies")


@member_view
def body_create(request, coproduction, viewer):
    def create(values):
        return services.body_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(body):
        messages.success(request, f"Das Gremium „{body.name}“ ist angelegt.")
        return redirect("structures:body", coproduction.slug, body.pk)

    return create_page(
        request,
        viewer,
        perm="structures.add",
        form_class=BodyForm,
        create=create,
        done=done,
        template="structures/body_form.html",
        section="bodies",
    )


@member_view
def body_detail(request, coproduction, viewer, pk):
    body = _body(viewer, pk)

    def update(form):
        values = form.changed_values()
        services.body_update(
            actor=request.user,
            body=body,
            expected_version=form.expected_version(),
            members=values.pop("members"),
            **values,
        )

    def done():
        messages.success(request, "Das Gremium ist gespeichert.")
        return redirect("structures:body", coproduction.slug, body.pk)

    mandates = list(selectors.mandates_of(viewer, body))
    return item_page(
        request,
        viewer,
        body,
        form_class=BodyForm,
        update=update,
        done=done,
        template="structures/body_detail.html",
        section="bodies",
        context={
            "body": body,
            "current_mandates": [m for m in mandates if m.current],
            "former_mandates": [m for m in mandates if not m.current],
        },
    )


def _body(viewer, pk):
    return get_visible(selectors.body_detail_for(viewer), viewer, pk=pk)


@member_view
def body_delete(request, coproduction, viewer, pk):
    """Bodies entered by mistake; a body decisions name stays (services.body_delete)."""
    body = _body(viewer, pk)
    return delete_page(
        request,
        viewer,
        body,
        refusal=services.body_delete_refusal(body),
        note=services.body_delete_note(body),
        delete=lambda version: services.body_delete(
            actor=request.user, body=body, expected_version=version
        ),
        what="Das Gremium",
        back_url=reverse("structures:body", args=[coproduction.slug, body.pk]),
        done_url=reverse("structures:bodies", args=[coproduction.slug]),
        section="bodies",
    )


# Mandates ----------------------------------------------------------------------------------


@member_view
def mandate_create(request, coproduction, viewer, body_pk):
    body = _body(viewer, body_pk)
    require_item_edit(viewer, body)

    def create(values):
        return services.mandate_create(actor=request.user, body=body, **values)

    def done(mandate):
        messages.success(request, f"Das Mandat für {mandate.holder} ist gespeichert.")
        return redirect(reverse("structures:body", args=[coproduction.slug, body.pk]) + "#mandate")

    return create_page(
        request,
        viewer,
        perm="structures.add",
        form_class=MandateForm,
        create=create,
        done=done,
        template="structures/mandate_form.html",
        section="bodies",
        context={"body": body},
    )


def _mandate(viewer, body_pk, pk):
    """A mandate is found through its body: visible body, or 404."""
    body = _body(viewer, body_pk)
    mandate = selectors.mandates_for(viewer).filter(body=body, pk=pk).first()
    if mandate is None:
        raise Http404
    return body, mandate


@member_view
def mandate_detail(request, coproduction, viewer, body_pk, pk):
    body, mandate = _mandate(viewer, body_pk, pk)

    def update(form):
        services.mandate_update(
            actor=request.user,
            mandate=mandate,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Das Mandat ist gespeichert.")
        return redirect("structures:mandate", coproduction.slug, body.pk, mandate.pk)

    return item_page(
        request,
        viewer,
        mandate,
        form_class=MandateForm,
        update=update,
        done=done,
        template="structures/mandate_detail.html",
        section="bodies",
        context={"body": body, "mandate": mandate},
    )


@member_view
def mandate_delete(request, coproduction, viewer, body_pk, pk):
    """Mandates entered by mistake; one handed over stays (services.mandate_delete)."""
    body, mandate = _mandate(viewer, body_pk, pk)
    return delete_page(
        request,
        viewer,
        mandate,
        refusal=services.mandate_delete_refusal(mandate),
        note=services.mandate_delete_note(mandate),
        delete=lambda version: services.mandate_delete(
            actor=request.user, mandate=mandate, expected_version=version
        ),
        what="Das Mandat",
        back_url=reverse("structures:mandate", args=[coproduction.slug, body.pk, mandate.pk]),
        done_url=reverse("structures:body", args=[coproduction.slug, body.pk]) + "#mandate",
        section="bodies",
    )


@member_view
def mandate_rotate(request, coproduction, viewer, body_pk, pk):
    """GET asks who takes over; POST ends the current mandate and starts the next one."""
    body, mandate = _mandate(viewer, body_pk, pk)
    require_item_edit(viewer, mandate)
    form = RotateForm(request.POST or None, mandate=mandate, today=timezone.localdate())
    if matches := picker.results_response(request, form):
        return matches
    if request.method == "POST" and not picker.search_step(request, form) and form.is_valid():
        try:
            successor = services.mandate_rotate(
                actor=request.user,
                mandate=mandate,
                expected_version=form.cleaned_data["version"],
                holder=form.cleaned_data["holder"],
                started_on=form.cleaned_data["started_on"],
            )
        except StaleEdit:
            form.add_error(
                None,
                "Jemand hat dieses Mandat inzwischen geändert. Schaut es euch noch einmal an "
                "und rotiert dann erneut.",
            )
        except WorkspaceError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Das Mandat ist rotiert: {successor.holder} übernimmt von {mandate.holder}.",
            )
            return redirect(
                reverse("structures:body", args=[coproduction.slug, body.pk]) + "#mandate"
            )
    context = {"body": body, "mandate": mandate, "form": form}
    return workspace_render(request, "structures/mandate_rotate.html", context, section="bodies")
