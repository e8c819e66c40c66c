"""Teilen: a side shows its goal drafts to all members (card 31) — asked once, naming the
drafts and who will see them, because it cannot be taken back once others rely on them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from goals import selectors, services
from workspaces.decorators import member_view
from workspaces.rules import require
from workspaces.selectors import audience_after
from workspaces.views import workspace_render
from workspaces.visibility import Visibility


def _pks(values) -> list[int]:
    return [int(value) for value in values if str(value).isdecimal()]


@member_view
def goal_share(request, coproduction, viewer):
    """GET (or a POST without confirmation): the question, naming the drafts — one
    (``ziel``/``goal``) or all that only the viewer's side sees. A confirmed POST shares
    exactly the drafts the question named, not one added since."""
    require(request.user, "workspaces.edit", viewer)
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
