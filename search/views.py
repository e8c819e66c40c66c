from guide.search import get_index
from search.selectors import search_werkstatt
from workspaces.decorators import member_view
from workspaces.views import workspace_render

GUIDE_HITS = 3


@member_view
def werkstatt_search(request, coproduction, viewer):
    query = request.GET.get("q", "").replace("\x00", "")[:200]
    results = guide = None
    if query.strip():
        results = search_werkstatt(viewer, query)
        guide = get_index().search(query, limit=GUIDE_HITS)
    return workspace_render(
        request,
        "search/werkstatt.html",
        {"query": query, "results": results, "guide": guide},
        section="suche",
    )
