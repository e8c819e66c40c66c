"""Die öffentliche Seite — what the partners have published, for neighbours and the public
(cards 17, 18, 52), and the directory of co-productions that publish anything.

Both show public items only, to everyone alike, members included: the items are read as the
public viewer. A co-production that has published nothing is not made known by its address
alone (404); only its own members get a page there that says so, so the overview's link to
the public page always leads somewhere.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from knowledge.uploads import download_response
from lifecycle import selectors as lifecycle
from workspaces.models import Coproduction
from workspaces.selectors import viewer_for
from workspaces.views import paginate
from workspaces.visibility import get_visible

from . import selectors

DIRECTORY_PAGE_SIZE = 30


def directory(request):
    page = paginate(
        request, selectors.published_coproductions(), "seite", per_page=DIRECTORY_PAGE_SIZE
    )
    return render(request, "publicpage/directory.html", {"page": page})


def public_page(request, slug):
    coproduction = get_object_or_404(Coproduction, slug=slug)
    public = selectors.public_viewer(coproduction)
    sections = {
        "partners": list(selectors.partners(coproduction)),
        "goals": list(selectors.goals(public)),
        "demands": list(selectors.demands(public)),
        "contributions": list(selectors.contributions(public)),
        "obstacles": list(selectors.obstacles(public)),
        "phase_plans": list(selectors.phase_plans(public)),
        "bodies": list(selectors.bodies(public)),
        "evaluations": list(selectors.evaluations(public)),
        "upcoming": list(selectors.upcoming_meetings(public)[:10]),
        "closing": [c for c in [lifecycle.public_closing(coproduction)] if c],
    }
    milestones = paginate(request, selectors.milestones(public), "meilensteine", anchor="ziele")
    decisions = paginate(request, selectors.decisions(public), "beschluesse", anchor="beschluesse")
    held = paginate(request, selectors.held_meetings(public), "treffen", anchor="treffen")
    actors = paginate(request, selectors.actors(public), "akteure", anchor="akteure")
    knowledge = paginate(request, selectors.knowledge_items(public), "wissen", anchor="wissen")
    terms = paginate(
        request, selectors.glossary_terms(public), "begriffe", per_page=100, anchor="begriffe"
    )
    published = any(sections[name] for name in sections if name != "partners") or any(
        page.paginator.count for page in (milestones, decisions, held, actors, knowledge, terms)
    )
    if not published and not viewer_for(request.user, coproduction).is_member:
        raise Http404
    return render(
        request,
        "publicpage/page.html",
        {
            "coproduction": coproduction,
            "published": published,
            **sections,
            "joint_goals": [g for g in sections["goals"] if g.is_joint],
            "side_goals": [g for g in sections["goals"] if not g.is_joint],
            "milestones": milestones,
            "decisions": decisions,
            "held": held,
            "actors": actors,
            "knowledge": knowledge,
            "terms": terms,
        },
    )


@require_GET
def knowledge_file(request, slug, pk):
    """A published document, for everybody; anything not public answers 404 — for members
    too, who download theirs in the Werkstatt."""
    coproduction = get_object_or_404(Coproduction, slug=slug)
    public = selectors.public_viewer(coproduction)
    item = get_visible(selectors.knowledge_items(public), public, pk=pk)
    if not item.file:
        raise Http404
    return download_response(item)
