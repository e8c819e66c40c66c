"""Teilen and Öffentlich machen: a side shows its goal drafts to all members (card 31), a
reached milestone goes on the public page (cards 32, 52). Both are asked once, naming what
and who will then see it, because neither can be taken back once others have seen it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from goals import selectors, services
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.pages import STALE_ACTION, posted_version, require_item_edit
from workspaces.rules import require
from workspaces.selectors import audience_after
from workspaces.services import WorkspaceError
from workspaces.views import workspace_render
from workspaces.visibility import Visibility, get_visible


def _pks(values) -> list[int]:
    return [int(value) for value in values if str(value).isdecimal()]


@member_view
def goal_share(request, coproduction, viewer):
    """GET (or a POST without confirmation): the question, naming the drafts — one
    (``ziel``/``goal``) or all that only the viewer's side sees. A confirmed POST shares
    exactly the drafts the question named, not one added since."""
    require(request.user, "goals.share", viewer)
    data = request.POST if request.method == "POST" else request.GET
    drafts = selectors.own_drafts(viewer).filter(visibility=Visibility.SIDE)
    # An id that is no number names no draft: it must not widen the question to all drafts.
    chosen = data.getlist("goal") or data.getlist("ziel")
    if chosen:
        drafts = drafts.filter(pk__in=_pks(chosen))
    drafts = list(drafts)
    if chosen and not drafts:
        # Naming a draft one does not see (or that is shared already) reveals nothing.
        raise Http404
    back = request.POST.get("from") or request.GET.get("from", "")
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        shared = services.goals_share(
            actor=request.user,
            coproduction=coproduction,
            side=viewer.side,
            goal_ids=[draft.pk for draft in drafts],
        )
        if not shared:
            messages.info(request, "Es gab keinen Entwurf, den nur eure Seite sieht.")
        elif shared == 1:
            messages.success(request, f"„{drafts[0].title}“ sehen jetzt alle Mitglieder.")
        else:
            messages.success(request, f"{shared} Entwürfe sind jetzt für alle Mitglieder sichtbar.")
        if len(drafts) == 1 and back == "detail":
            return redirect("goals:goal", coproduction.slug, drafts[0].pk)
        return redirect(reverse("goals:list", args=[coproduction.slug]) + "#eigene-ziele")
    context = {
        "drafts": drafts,
        "back": back,
        "now": audience_after(coproduction, Visibility.SIDE, viewer.side),
        "then": audience_after(coproduction, Visibility.COPRODUCTION),
    }
    return workspace_render(request, "goals/share_confirm.html", context, section="goals")


@member_view
def milestone_publish(request, coproduction, viewer, pk):
    """GET (or a POST without confirmation): the question, naming the milestone, who sees it
    now and that then everyone does. A confirmed POST publishes the version it was asked
    about; a milestone changed since is refused."""
    milestone = get_visible(selectors.milestones_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, milestone)
    back = reverse("goals:milestone", args=[coproduction.slug, milestone.pk]) + "#feiern"
    if milestone.visibility == Visibility.PUBLIC:
        messages.info(request, f"„{milestone.title}“ ist schon öffentlich.")
        return redirect(back)
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        try:
            services.milestone_publish(
                actor=request.user, milestone=milestone, expected_version=posted_version(request)
            )
        except StaleEdit:
            messages.error(request, STALE_ACTION)
        except WorkspaceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"„{milestone.title}“ ist jetzt öffentlich und erscheint auf eurer öffentlichen "
                "Seite.",
            )
        return redirect(back)
    context = {
        "milestone": milestone,
        "back": back,
        "now": audience_after(coproduction, milestone.visibility, milestone.owner_side),
        "then": audience_after(coproduction, Visibility.PUBLIC),
    }
    return workspace_render(request, "goals/publish_confirm.html", context, section="milestones")
