"""Pages of the reflection (cards 46, 11, 24, 36, 52).

Views stay thin: the selectors decide visibility, ``results`` what of the answers is shown,
the services the rules; create, item and delete pages come from workspaces.pages.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from history.services import history_for, shown_history
from reflection import chart, results, selectors, services
from reflection.forms import (
    AnswerForm,
    ConsequenceForm,
    EvaluationForm,
    RoundForm,
    SettingsForm,
)
from reflection.models import QUESTION_SHORT, Evaluation, Question, ReflectionRound
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.pages import (
    HISTORY_LENGTH,
    STALE_ACTION,
    create_page,
    delete_page,
    item_page,
    posted_version,
    widening,
)
from workspaces.rules import allowed, require
from workspaces.services import ENDED, WorkspaceError
from workspaces.views import paginate, stale_response, workspace_render
from workspaces.visibility import Side, get_visible

SECTION = "reflection"
COORDINATION_ONLY = "Das legen die Koordinator:innen fest."


def _round(viewer, pk):
    return get_visible(ReflectionRound.objects, viewer, pk=pk)


@member_view
def overview(request, coproduction, viewer):
    running = selectors.running_rounds(viewer)
    context = {
        "settings": selectors.settings_for(coproduction),
        "running": list(running.order_by("closes_on", "id")[:5]),
        "page": paginate(request, selectors.rounds_for(viewer), "seite", anchor="runden"),
    }
    return workspace_render(request, "reflection/overview.html", context, section=SECTION)


@member_view
def interval(request, coproduction, viewer):
    """The agreed rhythm: read by every member, set by the coordination."""
    current = selectors.settings_for(coproduction)
    may_set = allowed(request.user, "reflection.set_interval", viewer)
    form = SettingsForm(request.POST or None, instance=current) if may_set else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(COORDINATION_ONLY)
        if form.is_valid():
            try:
                services.settings_save(
                    actor=request.user,
                    coproduction=coproduction,
                    interval_months=form.cleaned_data["interval_months"],
                    expected_version=form.expected_version() if current else None,
                )
            except StaleEdit as error:
                return stale_response(
                    request, form, error, "reflection/interval.html", {}, section=SECTION
                )
            messages.success(request, "Der Rhythmus eurer Reflexion ist gespeichert.")
            return redirect("reflection:overview", coproduction.slug)
    context = {
        "settings": current,
        "form": form,
        "history": shown_history(history_for(current)[:HISTORY_LENGTH]) if current else [],
    }
    return workspace_render(request, "reflection/interval.html", context, section=SECTION)


@member_view
def round_create(request, coproduction, viewer):

    def create(values):
        return services.round_create(actor=request.user, coproduction=coproduction, **values)

    def done(round_):
        messages.success(request, f"Die Runde „{round_.title}“ ist angelegt.")
        return redirect("reflection:round", coproduction.slug, round_.pk)

    return create_page(
        request,
        viewer,
        perm="reflection.manage_rounds",
        form_class=RoundForm,
        create=create,
        done=done,
        template="reflection/round_form.html",
        section=SECTION,
    )


@member_view
def round_detail(request, coproduction, viewer, pk):
    round_ = _round(viewer, pk)
    closed = round_.is_closed()
    sides = selectors.sides(coproduction) if closed else []
    # Closed by the coordination or the worker, a round's results never change again (no
    # answer can, and none is linked to a member): their part of the page is rendered once
    # per process — for each set of sides and the address it links to — and read only then.
    # The moment it closed tells this round from any other that had its number.
    settled = round_.closed_at is not None
    context = {
        "round": round_,
        "closed": closed,
        "groups": SimpleLazyObject(lambda: results.round_results(round_, sides)),
        "results_key": (round_.pk, round_.closed_at, round_.version, coproduction.slug, *sides)
        if settled
        else None,
        "answered": bool(services.own_response(round_, viewer.membership)),
        "consequences": list(selectors.consequences_for(viewer).filter(round=round_)),
        "evaluation": Evaluation.objects.visible_to(viewer).filter(round=round_).first(),
        "too_few": results.TOO_FEW,
        "min_group": results.MIN_GROUP,
        "comments_shown": results.COMMENTS_SHOWN,
    }

    def update(form):
        services.round_update(
            actor=request.user,
            round_=round_,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Die Runde ist gespeichert.")
        return redirect("reflection:round", coproduction.slug, round_.pk)

    return item_page(
        request,
        viewer,
        round_,
        form_class=RoundForm,
        update=update,
        done=done,
        template="reflection/round_detail.html",
        section=SECTION,
        context=context,
        editable=allowed(request.user, "reflection.manage_rounds", viewer) and not closed,
    )


@member_view
def round_comments(request, coproduction, viewer, pk):
    """All comments of one group on one question of a closed round, a page at a time (the
    round's page shows the first few)."""
    round_ = _round(viewer, pk)
    if not round_.is_closed():
        raise Http404("Kommentare gibt es erst, wenn die Runde abgeschlossen ist.")
    question = request.GET.get("frage", "")
    if question not in Question.values:
        question = Question.values[0]
    side = request.GET.get("gruppe", "")
    if side not in Side.values:
        side = ""
    shown, comments = results.group_comments(round_, side, question)
    context = {
        "round": round_,
        "question": Question(question),
        "short": QUESTION_SHORT[question],
        "group_label": results.side_label(side),
        "shown": shown,
        "too_few": results.TOO_FEW,
        "page": paginate(request, comments, "seite", anchor="kommentare", per_page=50),
    }
    return workspace_render(request, "reflection/round_comments.html", context, section=SECTION)


@member_view
@require_POST
def round_close(request, coproduction, viewer, pk):
    round_ = _round(viewer, pk)
    require(request.user, "reflection.close_round", viewer)
    try:
        services.round_close(
            actor=request.user, round_=round_, expected_version=posted_version(request)
        )
    except StaleEdit:
        messages.error(request, STALE_ACTION)
    except WorkspaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Die Runde ist abgeschlossen; die Ergebnisse stehen unten.")
    return redirect("reflection:round", coproduction.slug, round_.pk)


@member_view
def round_delete(request, coproduction, viewer, pk):
    round_ = _round(viewer, pk)
    require(request.user, "reflection.manage_rounds", viewer)
    return delete_page(
        request,
        viewer,
        round_,
        refusal=services.round_delete_refusal(round_),
        delete=lambda version: services.round_delete(
            actor=request.user, round_=round_, expected_version=version
        ),
        what="Die Runde",
        back_url=reverse("reflection:round", args=[coproduction.slug, round_.pk]),
        done_url=reverse("reflection:overview", args=[coproduction.slug]),
        section=SECTION,
    )


@member_view
def answer(request, coproduction, viewer, pk):
    """A member's own answers: only they see them, and only while the round runs."""
    round_ = _round(viewer, pk)
    require(request.user, "reflection.answer", viewer, message=ENDED)
    if not round_.is_open():
        messages.info(request, "Diese Runde läuft gerade nicht; antworten lässt sich nur in ihr.")
        return redirect("reflection:round", coproduction.slug, round_.pk)
    response = services.own_response(round_, viewer.membership)
    form = AnswerForm(request.POST or None, response=response)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save(
                membership=viewer.membership,
                round_=round_,
                answers=form.answers(),
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            form.add_error(
                None,
                "Ihr habt eure Antworten inzwischen anderswo (etwa in einem zweiten Tab) "
                "geändert. Schaut sie euch noch einmal an und speichert dann.",
            )
            form.data = form.data.copy()
            form.data["version"] = error.current.version
        except WorkspaceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Danke! Eure Antworten sind gespeichert. Bis zum Ende der Runde könnt ihr sie "
                "noch ändern.",
            )
            return redirect("reflection:round", coproduction.slug, round_.pk)
    context = {"round": round_, "form": form, "answered": response is not None}
    return workspace_render(request, "reflection/answer.html", context, section=SECTION)


@member_view
def trends(request, coproduction, viewer):
    sides = selectors.sides(coproduction)
    side = request.GET.get("seite", "")
    if side not in sides:
        side = ""
    rows = results.trends(selectors.trend_rounds(viewer), side)
    context = {
        "rows": rows,
        "chart": chart.trend_chart(rows) if rows else None,
        "side": side,
        "side_label": results.side_label(side),
        "filters": [{"value": "", "label": results.side_label("")}]
        + [{"value": s, "label": results.side_label(s)} for s in sides],
        "questions": list(QUESTION_SHORT.values()),
        "min_group": results.MIN_GROUP,
    }
    return workspace_render(request, "reflection/trends.html", context, section=SECTION)


@member_view
def evaluation(request, coproduction, viewer, pk):
    """The coordination's evaluation of a closed round; published on request (card 52)."""
    round_ = _round(viewer, pk)
    require(request.user, "reflection.evaluate", viewer)
    current = Evaluation.objects.filter(round=round_).first()
    # The form works on a copy: validating it must not change what ``widening`` compares with.
    form = EvaluationForm(request.POST or None, instance=copy.copy(current))
    # Publishing an evaluation that members already read is asked once, as for every item.
    widen = None
    if request.method == "POST" and form.is_valid() and current:
        widen = widening(request, current, form)
    if request.method == "POST" and form.is_valid() and not widen:
        try:
            services.evaluation_save(
                actor=request.user,
                round_=round_,
                text=form.cleaned_data["text"],
                visibility=form.cleaned_data["visibility"],
                expected_version=form.expected_version() if current else None,
            )
        except StaleEdit as error:
            context = {"round": round_}
            return stale_response(
                request, form, error, "reflection/evaluation.html", context, section=SECTION
            )
        except WorkspaceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, "Die Auswertung ist gespeichert.")
            return redirect("reflection:round", coproduction.slug, round_.pk)
    context = {
        "round": round_,
        "form": form,
        "widen": widen,
        "history": shown_history(history_for(current)[:HISTORY_LENGTH]) if current else [],
    }
    return workspace_render(request, "reflection/evaluation.html", context, section=SECTION)


@member_view
def consequence_create(request, coproduction, viewer, pk):
    round_ = _round(viewer, pk)

    def create(values):
        return services.consequence_create(actor=request.user, round_=round_, **values)

    def done(consequence):
        messages.success(request, "Die Konsequenz ist festgehalten.")
        return redirect("reflection:round", coproduction.slug, round_.pk)

    return create_page(
        request,
        viewer,
        perm="reflection.add",
        form_class=ConsequenceForm,
        create=create,
        done=done,
        template="reflection/consequence_form.html",
        section=SECTION,
        context={"round": round_},
    )


@member_view
def consequence_detail(request, coproduction, viewer, pk):
    consequence = get_visible(selectors.consequences_for(viewer), viewer, pk=pk)

    def update(form):
        services.consequence_update(
            actor=request.user,
            consequence=consequence,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Die Konsequenz ist gespeichert.")
        return redirect("reflection:consequence", coproduction.slug, consequence.pk)

    return item_page(
        request,
        viewer,
        consequence,
        form_class=ConsequenceForm,
        update=update,
        done=done,
        template="reflection/consequence_detail.html",
        section=SECTION,
        context={"consequence": consequence},
    )


@member_view
def consequence_delete(request, coproduction, viewer, pk):
    consequence = get_visible(selectors.consequences_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        consequence,
        delete=lambda version: services.consequence_delete(
            actor=request.user, consequence=consequence, expected_version=version
        ),
        what="Die Konsequenz",
        back_url=reverse("reflection:consequence", args=[coproduction.slug, consequence.pk]),
        done_url=reverse("reflection:round", args=[coproduction.slug, consequence.round_id]),
        section=SECTION,
    )
