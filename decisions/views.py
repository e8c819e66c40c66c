"""Pages of decisions: the Beschlussbuch, a decision with its vote, preparing, opening,
counting, recording from a meeting, superseding, exports (cards 42, 17, 28, 41).

Views stay thin: find the decision through the selectors (visibility decided there), check
the permission, validate, call one service, turn a domain error into a message at the field.
"""

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from decisions import ballots, exports, selectors, services, tallies, voting
from decisions.forms import (
    CloseForm,
    DecisionForm,
    LogFilterForm,
    MeetingRecordForm,
    OpenVotingForm,
    SupersedeForm,
    default_closing,
)
from decisions.models import Decision
from history.services import history_for, shown_history
from workspaces import picker
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.pages import (
    add_domain_error,
    create_page,
    item_page,
    posted_version,
    require_item_edit,
    widening,
)
from workspaces.rules import allowed, require
from workspaces.services import WorkspaceError
from workspaces.views import paginate, workspace_render

SECTION = "decisions"
HISTORY_LENGTH = 30


def _pk(value) -> int | None:
    return int(value) if str(value).isdecimal() else None


def _url(coproduction, decision, anchor: str = "") -> str:
    return reverse("decisions:decision", args=[coproduction.slug, decision.pk]) + anchor


def _filters(request) -> dict:
    status = request.GET.get("stand", "")
    return {
        "body": _pk(request.GET.get("gremium", "")),
        "status": status if status in Decision.Status.values else "",
        "goal": _pk(request.GET.get("ziel", "")),
    }


def _render(request, template, context):
    return workspace_render(request, template, context, section=SECTION)


# The log ------------------------------------------------------------------------------------


@member_view
def decision_list(request, coproduction, viewer):
    """Das Beschlussbuch: every decision the viewer may see, filterable, paginated."""
    filters = _filters(request)
    rows = selectors.decision_log(viewer, **filters)
    query = request.GET.copy()
    query.pop("seite", None)
    form = LogFilterForm(
        initial={"ziel": filters["goal"], "gremium": filters["body"]}, viewer=viewer
    )
    if matches := picker.results_response(request, form):
        return matches
    page = paginate(request, rows, "seite", anchor="beschluesse")
    page.object_list = selectors.with_links(viewer, page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "statuses": Decision.Status.choices,
        "form": form,
        "query": query.urlencode(),
    }
    return _render(request, "decisions/decision_list.html", context)


def _export_name(coproduction, extension: str) -> str:
    return f"beschlussbuch-{coproduction.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


@member_view
def export_csv(request, coproduction, viewer):
    """Streamed line by line: the first bytes leave at once, however long the log."""
    rows = selectors.decisions_in_chunks(viewer, **_filters(request))
    response = StreamingHttpResponse(
        exports.csv_lines(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(coproduction, "csv")}"'
    return response


@member_view
def export_docx(request, coproduction, viewer):
    rows = selectors.decisions_in_chunks(viewer, **_filters(request))
    response = HttpResponse(
        exports.as_docx(coproduction, rows),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(coproduction, "docx")}"'
    return response


# One decision ---------------------------------------------------------------------------------


def _vote_form(decision, viewer, options, data=None):
    vote = next((v for v in decision.vote_rows if v.membership_id == viewer.membership.pk), None)
    return ballots.vote_form_for(viewer, decision, options, vote=vote, data=data)


def _detail(request, coproduction, viewer, decision, *, vote_form=None, status=200):
    selectors.with_goals(viewer, [decision])
    options = list(decision.options.all())
    decision.vote_rows = list(selectors.votes_of(decision))
    if vote_form is None:
        vote_form = _vote_form(decision, viewer, options)
    live = None
    if decision.status == Decision.Status.VOTING:
        live = voting.current_tally(decision, decision.vote_rows)
    voting_over = (
        decision.status == Decision.Status.VOTING
        and decision.closes_at is not None
        and timezone.now() >= decision.closes_at
    )
    context = {
        "decision": decision,
        "options": options,
        "votes": decision.vote_rows,
        "vote_form": vote_form,
        "own_vote": next(
            (v for v in decision.vote_rows if v.membership_id == viewer.membership.pk), None
        ),
        "live": live,
        "result": decision.tally or None,
        "voting_over": voting_over,
        "explanation": tallies.PROCEDURE_EXPLANATIONS[decision.procedure],
        "may_edit": allowed(viewer.user, "workspaces.edit_item", viewer, decision),
        "slowest": voting.longest_consultation(decision),
        "meeting_url": _meeting_url(coproduction, decision),
        "history": shown_history(history_for(decision)[:HISTORY_LENGTH]),
    }
    response = _render(request, "decisions/decision_detail.html", context)
    response.status_code = status
    return response


def _meeting_url(coproduction, decision) -> str:
    """The meeting's page, once the meetings app has one."""
    if decision.meeting is None:
        return ""
    try:
        return reverse("meetings:meeting", args=[coproduction.slug, decision.meeting.pk])
    except NoReverseMatch:
        return ""


def _get(viewer, pk):
    return selectors.decision_for(viewer, pk)


@member_view
def decision_detail(request, coproduction, viewer, pk):
    return _detail(request, coproduction, viewer, _get(viewer, pk))


@require_POST
@member_view
def vote(request, coproduction, viewer, pk):
    """Cast or change one's vote; a refused vote keeps what was entered."""
    decision = _get(viewer, pk)
    require(request.user, "decisions.vote", viewer, message=ballots.OBSERVERS_DO_NOT_VOTE)
    options = list(decision.options.all())
    decision.vote_rows = list(selectors.votes_of(decision))
    form = _vote_form(decision, viewer, options, data=request.POST)
    if form is None:
        messages.error(request, ballots.closed_message(decision))
        return redirect(_url(coproduction, decision))
    if ballots.cast(request.user, viewer, form):
        messages.success(request, "Eure Stimme ist gezählt. Ändern könnt ihr sie bis zum Ende.")
        return redirect(_url(coproduction, decision, "#abstimmen"))
    return _detail(request, coproduction, viewer, decision, vote_form=form)


@member_view
def decision_create(request, coproduction, viewer):
    def create(values):
        return services.decision_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(decision):
        messages.success(request, f"Die Entscheidung „{decision.question}“ ist vorbereitet.")
        return redirect(_url(coproduction, decision))

    return create_page(
        request,
        viewer,
        perm="decisions.add",
        form_class=DecisionForm,
        create=create,
        done=done,
        template="decisions/decision_form.html",
        section=SECTION,
    )


@member_view
def decision_edit(request, coproduction, viewer, pk):
    """Change a draft. Once the vote is open, the decision stays as it was put. Widening who
    sees it is asked once, as for every item (``item_page``)."""
    decision = _get(viewer, pk)
    require_item_edit(viewer, decision)
    if decision.status != Decision.Status.DRAFT:
        messages.error(
            request,
            "Diese Entscheidung lässt sich nicht mehr ändern. Eine getroffene Entscheidung "
            "ersetzt ihr durch eine neue.",
        )
        return redirect(_url(coproduction, decision))

    def update(form):
        values = form.changed_values()
        services.decision_update(
            actor=request.user,
            decision=decision,
            expected_version=form.expected_version(),
            goals=values.pop("goals"),
            options=values.pop("options"),
            **values,
        )

    def done():
        messages.success(request, "Die Entscheidung ist gespeichert.")
        return redirect(_url(coproduction, decision))

    return item_page(
        request,
        viewer,
        decision,
        form_class=DecisionForm,
        update=update,
        done=done,
        template="decisions/decision_form.html",
        section=SECTION,
        context={"decision": decision},
    )


def _action_page(request, viewer, decision, *, form, act, done, template, context=None):
    """A form that changes the decision's state: permission, validate, one service call."""
    require_item_edit(viewer, decision)
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except StaleEdit:
            form.add_error(None, "Jemand hat diese Entscheidung inzwischen geändert.")
        except WorkspaceError as error:
            add_domain_error(form, error)
        else:
            return done()
    context = {**(context or {}), "decision": decision, "form": form}
    return _render(request, template, context)


@member_view
def open_voting(request, coproduction, viewer, pk):
    decision = _get(viewer, pk)
    initial = {"closes_at": default_closing()}
    form = OpenVotingForm(request.POST or None, initial=initial)

    def act(data):
        voting.decision_open_voting(
            actor=request.user,
            decision=decision,
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            consultation_override=data["consultation_override"],
            expected_version=posted_version(request),
        )

    def done():
        messages.success(request, "Die Abstimmung ist eröffnet.")
        return redirect(_url(coproduction, decision))

    partners = voting.voting_partners(decision).order_by("-consultation_days", "name")
    return _action_page(
        request,
        viewer,
        decision,
        form=form,
        act=act,
        done=done,
        template="decisions/open_voting.html",
        context={"partners": partners, "slowest": voting.longest_consultation(decision)},
    )


@member_view
def close(request, coproduction, viewer, pk):
    decision = _get(viewer, pk)
    form = CloseForm(request.POST or None)

    def act(data):
        voting.decision_close(actor=request.user, decision=decision, reasons=data["reasons"])

    def done():
        messages.success(request, "Ausgezählt. Das Ergebnis steht jetzt im Beschlussbuch.")
        return redirect(_url(coproduction, decision, "#ergebnis"))

    return _action_page(
        request,
        viewer,
        decision,
        form=form,
        act=act,
        done=done,
        template="decisions/close.html",
        context={"live": voting.current_tally(decision)}
        if decision.status == Decision.Status.VOTING
        else {},
    )


@member_view
def record_in_meeting(request, coproduction, viewer, pk):
    decision = _get(viewer, pk)
    form = MeetingRecordForm(request.POST or None, viewer=viewer, decision=decision)

    def act(data):
        services.decision_record_in_meeting(actor=request.user, decision=decision, **data)

    def done():
        messages.success(request, "Der Beschluss aus dem Treffen steht jetzt im Beschlussbuch.")
        return redirect(_url(coproduction, decision, "#ergebnis"))

    return _action_page(
        request,
        viewer,
        decision,
        form=form,
        act=act,
        done=done,
        template="decisions/record.html",
    )


@member_view
def supersede(request, coproduction, viewer, pk):
    """A new decision that replaces this one and says why (card 42)."""
    old = _get(viewer, pk)
    require_item_edit(viewer, old)
    initial = {
        "question": old.question,
        "background": old.background,
        "body": old.body_id,
        "mandate_note": old.mandate_note,
        "procedure": old.procedure,
        "quorum": old.quorum,
        "abstentions": old.abstentions,
        "goals": [g.pk for g in old.goals.all()],
        "visibility": old.visibility,
        "prepared_by": viewer.membership.pk,
    }
    form = SupersedeForm(request.POST or None, initial=initial, viewer=viewer)
    if matches := picker.results_response(request, form):
        return matches
    context = {"decision": old, "form": form}
    posted = request.method == "POST" and not picker.search_step(request, form)
    # The new decision carries the old one's text: showing it to more people is asked first.
    if posted and form.is_valid() and (widen := widening(request, old, form)):
        context["widen"] = widen
    elif posted and form.is_valid():
        values = form.changed_values()
        reason = values.pop("supersede_reason")
        try:
            new = services.decision_supersede(
                actor=request.user,
                decision=old,
                reason=reason,
                owner_side=old.owner_side or viewer.side,
                **values,
            )
        except WorkspaceError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                "Die neue Entscheidung ist vorbereitet. Die alte gilt weiter, bis die neue "
                "getroffen ist.",
            )
            return redirect(_url(coproduction, new))
    return _render(request, "decisions/supersede.html", context)
