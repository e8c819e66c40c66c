"""Die öffentliche Seite — what the partners have published, for neighbours and the public
(cards 17, 18, 52): joint goals, milestones, and who decides where (bodies and mandates).
It shows public items only, to everyone alike, members included."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from goals.models import Goal, Milestone
from structures.models import Body, Mandate
from workspaces.models import Coproduction
from workspaces.visibility import Viewer


def public_page(request, slug):
    coproduction = Coproduction.objects.filter(slug=slug).first()
    if coproduction is None:
        raise Http404
    public = Viewer(user=None, coproduction_id=coproduction.pk, membership=None)
    goals = list(Goal.objects.visible_to(public).filter(kind=Goal.Kind.JOINT).order_by("id"))
    milestones = list(Milestone.objects.visible_to(public).order_by("due_date", "id"))
    current = Mandate.objects.filter(ended_on__isnull=True).select_related(
        "partner", "holder__user"
    )
    bodies = list(
        Body.objects.visible_to(public).prefetch_related(
            Prefetch("mandates", queryset=current, to_attr="current_mandates")
        )
    )
    if not goals and not milestones and not bodies:
        # Nothing published: the co-production is not made known by its address alone.
        raise Http404
    return render(
        request,
        "publicpage/page.html",
        {"coproduction": coproduction, "goals": goals, "milestones": milestones, "bodies": bodies},
    )
