"""Die öffentliche Seite — what the partners have published, for neighbours and the public
(cards 17, 18, 52). It shows public items only, to everyone alike, members included."""

from django.http import Http404
from django.shortcuts import render

from goals.models import Goal, Milestone
from workspaces.models import Coproduction
from workspaces.visibility import Viewer


def public_page(request, slug):
    coproduction = Coproduction.objects.filter(slug=slug).first()
    if coproduction is None:
        raise Http404
    public = Viewer(user=None, coproduction_id=coproduction.pk, membership=None)
    goals = list(Goal.objects.visible_to(public).filter(kind=Goal.Kind.JOINT).order_by("id"))
    milestones = list(Milestone.objects.visible_to(public).order_by("due_date", "id"))
    if not goals and not milestones:
        # Nothing published: the co-production is not made known by its address alone.
        raise Http404
    return render(
        request,
        "workspaces/public.html",
        {"coproduction": coproduction, "goals": goals, "milestones": milestones},
    )
