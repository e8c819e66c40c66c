"""Pages of scheduling polls: propose dates, answer, edit, close into a meeting (cards 26, 44).

The meeting pages themselves are in meetings/views.py; the same thin-view rules hold here.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from history.services import history_for, shown_history
from meetings import polls, selectors
from meetings.forms import (
    AnswerForm,
    CloseForm,
    DateForm,
    PollEditForm,
    PollForm,
)
from meetings.views import SECTION, meeting_url, poll_url, posted_int
from workspaces.decorators import member_view
from workspaces.pages import (
    HISTORY_LENGTH,
    add_domain_error,
    create_page,
    delete_page,
    item_page,
    require_item_edit,
)
from workspaces.rules import allowed, require
from workspaces.services import ENDED, WorkspaceError
from workspaces.views import workspace_render
from workspaces.visibility import get_visible


@member_view
def poll_create(request, coproduction, viewer):
    def create(values):
        return polls.poll_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(poll):
        messages.success(request, "Die Umfrage ist angelegt. Jetzt können alle antworten.")
        return redirect(poll_url(coproduction, poll))

    return create_page(
        request,
        viewer,
        perm="meetings.add",
        form_class=PollForm,
        create=create,
        done=done,
        template="meetings/poll_form.html",
        section=SECTION,
    )


def _poll_context(viewer, poll, answer_form=None) -> dict:
    dates = list(poll.dates.all())
    results = selectors.poll_results(poll)
    if (
        answer_form is None
        and not poll.closed
        and allowed(viewer.user, "meetings.answer_poll", viewer)
    ):
        answer_form = AnswerForm(dates=dates, answers=selectors.answers_of(viewer.membership, poll))
    return {
        "poll": poll,
        "item": poll,
        "results": results,
        "best": selectors.best_date(results),
        "answer_form": answer_form,
        "may_edit": allowed(viewer.user, "workspaces.edit_item", viewer, poll),
        "history": shown_history(history_for(poll)[:HISTORY_LENGTH]),
    }


@member_view
def poll_detail(request, coproduction, viewer, pk):
    poll = get_visible(selectors.polls_for(viewer), viewer, pk=pk)
    context = _poll_context(viewer, poll)
    return workspace_render(request, "meetings/poll_detail.html", context, section=SECTION)


@require_POST
@member_view
def poll_answer(request, coproduction, viewer, pk):
    """Every member who sees the poll answers for themselves (also observers: it is their
    own time, not a change of the co-production's work)."""
    poll = get_visible(selectors.polls_for(viewer), viewer, pk=pk)
    require(request.user, "meetings.answer_poll", viewer, message=ENDED)
    form = AnswerForm(request.POST, dates=poll.dates.all(), answers={})
    if form.is_valid():
        try:
            polls.availability_set(membership=viewer.membership, poll=poll, answers=form.answers())
        except WorkspaceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Danke! Eure Antworten sind gespeichert.")
            return redirect(poll_url(coproduction, poll))
    context = _poll_context(viewer, poll, form)
    return workspace_render(request, "meetings/poll_detail.html", context, section=SECTION)


@member_view
def poll_date_create(request, coproduction, viewer, pk):
    poll, closed = _open_poll_for_edit(request, coproduction, viewer, pk)
    if closed:
        return closed

    def create(values):
        return polls.date_add(actor=request.user, poll=poll, **values)

    def done(date):
        messages.success(request, f"Der Vorschlag {date} ist ergänzt.")
        return redirect(poll_url(coproduction, poll))

    return create_page(
        request,
        viewer,
        perm="meetings.add",
        form_class=DateForm,
        create=create,
        done=done,
        template="meetings/date_form.html",
        section=SECTION,
        context={"poll": poll},
    )


def _open_poll_for_edit(request, coproduction, viewer, pk):
    """The poll for one of its editors, or a redirect with the reason when it is closed."""
    poll = get_visible(selectors.polls_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, poll)
    if poll.closed:
        messages.info(request, polls.POLL_CLOSED)
        return poll, redirect(poll_url(coproduction, poll))
    return poll, None


@member_view
def poll_edit(request, coproduction, viewer, pk):
    poll, closed = _open_poll_for_edit(request, coproduction, viewer, pk)
    if closed:
        return closed

    def update(form):
        polls.poll_update(
            actor=request.user,
            poll=poll,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Die Umfrage ist gespeichert.")
        return redirect(poll_url(coproduction, poll))

    dates = selectors.dates_with_answer_counts(poll)
    return item_page(
        request,
        viewer,
        poll,
        form_class=PollEditForm,
        update=update,
        done=done,
        template="meetings/poll_edit.html",
        section=SECTION,
        context={"poll": poll, "dates": dates},
    )


@member_view
def date_delete(request, coproduction, viewer, pk, date_pk):
    """Ask first, and say how many answers go with the date."""
    poll, closed = _open_poll_for_edit(request, coproduction, viewer, pk)
    if closed:
        return closed
    date = selectors.dates_with_answer_counts(poll).filter(pk=date_pk).first()
    if date is None:
        raise Http404
    edit_url = reverse("meetings:poll_edit", args=[coproduction.slug, poll.pk])
    error = None
    if request.method == "POST":
        try:
            lost = polls.date_remove(
                actor=request.user,
                date=date,
                expected_answers=posted_int(request.POST.get("answers")),
            )
        except WorkspaceError as failure:
            error = str(failure)
            date = selectors.dates_with_answer_counts(poll).filter(pk=date_pk).first()
            if date is None:
                messages.error(request, error)
                return redirect(edit_url)
        else:
            removed = f"Der Vorschlag {date} ist entfernt"
            if lost:
                removed += f", mit {lost} Antwort{'en' if lost != 1 else ''}"
            messages.success(request, removed + ".")
            return redirect(edit_url)
    context = {"poll": poll, "date": date, "back_url": edit_url, "error": error}
    return workspace_render(request, "meetings/date_delete.html", context, section=SECTION)


@member_view
def poll_delete(request, coproduction, viewer, pk):
    poll = get_visible(selectors.polls_for(viewer), viewer, pk=pk)
    meeting = selectors.meeting_of_poll(viewer, poll)
    answers = selectors.answer_count(poll)
    if meeting is not None:
        note = (
            f"Aus der Umfrage wurde das Treffen „{meeting.title}“. Es bleibt bestehen, mit "
            "Tagesordnung und Protokoll; gelöscht werden nur die Umfrage, ihre Terminvorschläge "
            "und die Antworten."
        )
    elif answers:
        note = f"Mit ihr werden {answers} Antwort{'en' if answers != 1 else ''} gelöscht."
    else:
        note = "Noch niemand hat geantwortet."
    return delete_page(
        request,
        viewer,
        poll,
        delete=lambda version: polls.poll_delete(
            actor=request.user, poll=poll, expected_version=version
        ),
        what="Die Umfrage",
        back_url=poll_url(coproduction, poll),
        done_url=reverse("meetings:list", args=[coproduction.slug]),
        section=SECTION,
        note=note,
    )


@member_view
def poll_close(request, coproduction, viewer, pk):
    poll = get_visible(selectors.polls_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, poll)
    if poll.closed:
        messages.info(request, "Diese Umfrage ist schon abgeschlossen.")
        return redirect(poll_url(coproduction, poll))
    results = selectors.poll_results(poll)
    best = selectors.best_date(results)
    initial = {"date": best.date.pk} if best else {}
    form = CloseForm(request.POST or None, poll=poll, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {name: data[name] for name in ("format", "place", "link")}
        try:
            meeting = polls.poll_close(
                actor=request.user, poll=poll, date=data["date"], meeting=extra
            )
        except WorkspaceError as error:
            add_domain_error(form, error)
        else:
            if meeting is None:
                messages.success(request, "Die Umfrage ist abgeschlossen.")
                return redirect("meetings:list", coproduction.slug)
            messages.success(request, "Die Umfrage ist abgeschlossen und das Treffen angelegt.")
            return redirect(meeting_url(coproduction, meeting))
    context = {"poll": poll, "form": form, "results": results}
    return workspace_render(request, "meetings/poll_close.html", context, section=SECTION)
