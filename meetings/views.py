"""Pages of meetings: meetings with agenda and minutes, calendar (cards 26, 44, 50); the
scheduling polls are in meetings/poll_views.py.

Views stay thin and reuse the shared page helpers (workspaces.pages): find the item through
the selectors, check the permission, validate, call one service, turn a domain error into a
message.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from history.services import history_for, shown_history
from meetings import calendar, exports, selectors, services
from meetings.forms import (
    AgendaItemForm,
    MeetingForm,
    MinutesForm,
)
from meetings.models import AgendaItem, Minutes
from workspaces import picker
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.pages import (
    NOT_YOURS,
    STALE_ACTION,
    add_domain_error,
    create_page,
    delete_page,
    item_page,
    posted_version,
    require_item_edit,
)
from workspaces.rules import allowed, require
from workspaces.services import WorkspaceError
from workspaces.views import paginate, stale_response, workspace_render
from workspaces.visibility import get_visible

SECTION = "meetings"
# delete_page shows the cards of its section on the confirmation page.


def meeting_url(coproduction, meeting, anchor: str = "") -> str:
    return reverse("meetings:meeting", args=[coproduction.slug, meeting.pk]) + anchor


def poll_url(coproduction, poll) -> str:
    return reverse("meetings:poll", args=[coproduction.slug, poll.pk])


# Meetings -----------------------------------------------------------------------------------


@member_view
def meeting_list(request, coproduction, viewer):
    context = {
        "upcoming": paginate(
            request, selectors.upcoming_meetings(viewer), "seite", anchor="kommende"
        ),
        "past": paginate(request, selectors.past_meetings(viewer), "fruehere", anchor="fruehere"),
        "polls": paginate(request, selectors.open_polls(viewer), "umfragen", anchor="umfragen"),
    }
    return workspace_render(request, "meetings/meeting_list.html", context, section=SECTION)


@member_view
def meeting_create(request, coproduction, viewer):
    def create(values):
        return services.meeting_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(meeting):
        messages.success(request, f"Das Treffen „{meeting.title}“ ist angelegt.")
        return redirect(meeting_url(coproduction, meeting))

    return create_page(
        request,
        viewer,
        perm="meetings.add",
        form_class=MeetingForm,
        create=create,
        done=done,
        template="meetings/meeting_form.html",
        section=SECTION,
    )


@member_view
def meeting_detail(request, coproduction, viewer, pk):
    meeting = get_visible(selectors.meeting_detail_for(viewer), viewer, pk=pk)
    # Approved minutes make the meeting a record: no edit form (the service refuses too).
    recorded = meeting.minutes.status == Minutes.Status.APPROVED

    def update(form):
        services.meeting_update(
            actor=request.user,
            meeting=meeting,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Das Treffen ist gespeichert.")
        return redirect(meeting_url(coproduction, meeting))

    return item_page(
        request,
        viewer,
        meeting,
        form_class=MeetingForm,
        update=update,
        done=done,
        template="meetings/meeting_detail.html",
        section=SECTION,
        context={
            "meeting": meeting,
            "agenda": meeting.agenda.all(),
            "agenda_frozen": recorded,
        },
        editable=not recorded,
    )


@member_view
def meeting_delete(request, coproduction, viewer, pk):
    meeting = get_visible(selectors.meetings_for(viewer), viewer, pk=pk)
    back_url = meeting_url(coproduction, meeting)
    return delete_page(
        request,
        viewer,
        meeting,
        delete=lambda version: services.meeting_delete(
            actor=request.user, meeting=meeting, expected_version=version
        ),
        what="Das Treffen",
        back_url=back_url,
        done_url=reverse("meetings:list", args=[coproduction.slug]),
        section=SECTION,
    )


@member_view
def meeting_ics(request, coproduction, viewer, pk):
    meeting = get_visible(selectors.meetings_for(viewer), viewer, pk=pk)
    return _ics(calendar.calendar_of([meeting], name=meeting.title), f"treffen-{meeting.pk}.ics")


def _ics(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@member_view
def agenda_docx(request, coproduction, viewer, pk):
    """The invitation with the agenda as a Word document (issue 9 §4)."""
    meeting = get_visible(selectors.meeting_detail_for(viewer), viewer, pk=pk)
    content = exports.agenda_docx(meeting, meeting.agenda.all())
    return _docx(content, f"tagesordnung-{meeting.pk}.docx")


@member_view
def minutes_docx(request, coproduction, viewer, pk):
    """The minutes as a Word document, marked approved or draft (issue 9 §4)."""
    meeting = get_visible(selectors.meeting_detail_for(viewer), viewer, pk=pk)
    attendees = meeting.minutes.attendees.select_related("user", "partner")
    content = exports.minutes_docx(meeting, meeting.agenda.all(), attendees)
    return _docx(content, f"protokoll-{meeting.pk}.docx")


# Agenda -------------------------------------------------------------------------------------


def posted_int(value) -> int | None:
    return int(value) if str(value or "").isdecimal() else None


@member_view
def agenda_create(request, coproduction, viewer, pk):
    meeting = get_visible(selectors.meetings_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, meeting)
    require(request.user, "workspaces.edit", viewer)
    if meeting.minutes.status == Minutes.Status.APPROVED:
        messages.info(request, services.AGENDA_FROZEN)
        return redirect(meeting_url(coproduction, meeting, "#tagesordnung"))
    form = AgendaItemForm(request.POST or None, viewer=viewer)
    conflict_id = posted_int(request.GET.get("konflikt"))
    if not form.is_bound and conflict_id:
        # Preselect only a conflict the viewer may take onto the agenda; anything else is ignored.
        if selectors.open_conflicts(viewer).filter(pk=conflict_id).exists():
            form.initial["conflict"] = conflict_id
            form.initial["may_lead_to_decision"] = True
    if matches := picker.results_response(request, form):
        return matches
    if request.method == "POST" and not picker.search_step(request, form) and form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, **form.changed_values())
        except WorkspaceError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Der Punkt steht auf der Tagesordnung.")
            return redirect(meeting_url(coproduction, meeting, "#tagesordnung"))
    context = {"meeting": meeting, "form": form}
    return workspace_render(request, "meetings/agenda_form.html", context, section=SECTION)


@require_POST
@member_view
def agenda_delete(request, coproduction, viewer, pk, item_pk):
    meeting = get_visible(selectors.meetings_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, meeting)
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_pk).first()
    if item is None:
        raise Http404
    try:
        services.agenda_item_remove(actor=request.user, item=item)
    except WorkspaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"„{item.title}“ ist von der Tagesordnung genommen.")
    return redirect(meeting_url(coproduction, meeting, "#tagesordnung"))


@require_POST
@member_view
def agenda_move(request, coproduction, viewer, pk, item_pk):
    """ "nach oben" / "nach unten": a plain form per item, so it works without JavaScript; back
    at the moved item's anchor, where the next Tab reaches its buttons again."""
    meeting = get_visible(selectors.meetings_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, meeting)
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_pk).first()
    if item is None:
        messages.error(request, "Diesen Punkt gibt es nicht mehr. Jemand hat ihn entfernt.")
        return redirect(meeting_url(coproduction, meeting, "#tagesordnung"))
    try:
        position = services.agenda_item_move(
            actor=request.user, item=item, direction=request.POST.get("direction", "")
        )
    except WorkspaceError as error:
        messages.error(request, str(error))
        return redirect(meeting_url(coproduction, meeting, "#tagesordnung"))
    messages.success(request, f"„{item.title}“ steht jetzt an Stelle {position}.")
    return redirect(meeting_url(coproduction, meeting, f"#punkt-{item.pk}"))


# Minutes ------------------------------------------------------------------------------------


@member_view
def minutes(request, coproduction, viewer, pk):
    meeting = get_visible(selectors.meetings_for(viewer), viewer, pk=pk)
    record = meeting.minutes
    final = record.status == Minutes.Status.APPROVED
    edits_meeting = allowed(request.user, "workspaces.edit_item", viewer, meeting)
    may_edit = edits_meeting and not final
    form = None
    if may_edit:
        form = MinutesForm(request.POST or None, instance=copy.copy(record), viewer=viewer)
    if matches := picker.results_response(request, form):
        return matches
    template = "meetings/minutes.html"
    context = {
        "meeting": meeting,
        "record": record,
        "attendees": record.attendees.select_related("user", "partner"),
        "form": form,
        "may_edit": may_edit,
        "final": final,
        "history": shown_history(history_for(record)[:20]),
    }
    if request.method == "POST":
        if final and edits_meeting:
            # Someone approved while this person was still writing: say so, keep their text.
            messages.error(
                request,
                "Das Protokoll ist inzwischen genehmigt und damit endgültig. Eure Änderung ist "
                "nicht gespeichert; euren Text findet ihr unten.",
            )
            context["refused_text"] = request.POST.get("text", "")
            response = workspace_render(request, template, context, section=SECTION)
            response.status_code = 403
            return response
        if form is None:
            raise PermissionDenied(NOT_YOURS)
        if not picker.search_step(request, form) and form.is_valid():
            values = form.changed_values()
            try:
                services.minutes_update(
                    actor=request.user,
                    minutes=record,
                    expected_version=form.expected_version(),
                    text=values["text"],
                    attendees=values["attendees"],
                )
            except StaleEdit as error:
                return stale_response(request, form, error, template, context, section=SECTION)
            except WorkspaceError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Das Protokoll ist gespeichert.")
                return redirect("meetings:minutes", coproduction.slug, meeting.pk)
    return workspace_render(request, template, context, section=SECTION)


@require_POST
@member_view
def minutes_approve(request, coproduction, viewer, pk):
    meeting = get_visible(selectors.meetings_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, meeting)
    try:
        services.minutes_approve(
            actor=request.user,
            minutes=meeting.minutes,
            expected_version=posted_version(request),
        )
    except StaleEdit:
        messages.error(request, STALE_ACTION)
    except WorkspaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Das Protokoll ist genehmigt. Es ist jetzt endgültig.")
    return redirect("meetings:minutes", coproduction.slug, meeting.pk)


# Calendar -----------------------------------------------------------------------------------


@member_view
def calendar_page(request, coproduction, viewer):
    token = selectors.calendar_token_of(viewer.membership)
    context = {"token": token}
    if token:
        context["feed_url"] = request.build_absolute_uri(
            reverse("meetings:feed", args=[coproduction.slug, token.token])
        )
        context["personal_url"] = request.build_absolute_uri(
            reverse("meetings:personal_feed", args=[coproduction.slug, token.token])
        )
    return workspace_render(request, "meetings/calendar.html", context, section=SECTION)


@require_POST
@member_view
def calendar_renew(request, coproduction, viewer):
    had_token = selectors.calendar_token_of(viewer.membership) is not None
    services.calendar_token_renew(membership=viewer.membership)
    if had_token:
        messages.success(
            request,
            "Ihr habt neue Kalender-Links. Die alten funktionieren nicht mehr – tragt die neuen "
            "in eurem Kalender ein.",
        )
    else:
        messages.success(request, "Eure Kalender-Links sind bereit.")
    return redirect("meetings:calendar", coproduction.slug)


def feed(request, slug, token):
    """The co-production's meetings this member sees; the secret token replaces the login, so
    calendar programs can subscribe."""
    found = selectors.feed_for_coproduction(token, slug)
    if found is None:
        raise Http404
    membership, meetings = found
    name = f"Treffen: {membership.coproduction.name}"
    return _ics(calendar.calendar_of(meetings, name=name), "treffen.ics", attachment=False)


def personal_feed(request, slug, token):
    """All meetings this person sees in any of their co-productions."""
    found = selectors.feed_for_person(token, slug)
    if found is None:
        raise Http404
    _membership, meetings = found
    return _ics(
        calendar.calendar_of(meetings, name="Meine Treffen (Gemeinwerk)"),
        "meine-treffen.ics",
        attachment=False,
    )
