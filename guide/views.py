"""Views of the Fächer.

The guide is the same for every reader, so its pages are rendered once per process and then
served from memory (``render_once``); only the search renders per request. The personal part
of the header (Anmelden / Konto) is left empty in the stored HTML and filled per request.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from guide import hooks, printing
from guide import network as network_graph
from guide.deck import PERSPECTIVES, get_deck
from guide.opendata import deck_as_data
from guide.search import get_index

PERSPECTIVE_SLUGS = {
    "verwaltung": "administration",
    "zivilgesellschaft": "civil_society",
    "beide": "both",
}
_rendered: dict[tuple, str] = {}
# Where core/base.html leaves room for the personal header (core/personal_nav.html).
PERSONAL_PLACEHOLDER = "<!--personal--><!--/personal-->"


def render_once(request, key: tuple, template_name: str, build_context) -> HttpResponse:
    """Render a page of static guide content the first time, then reuse the HTML.

    Keys must come from the deck (card numbers, chapter slugs), never from raw user input,
    so the cache stays as small as the deck.
    """
    html = _rendered.get(key)
    if html is None:
        context = {**build_context(), "personal_deferred": True}
        html = render_to_string(template_name, context, request=request)
        _rendered[key] = html
    return HttpResponse(html.replace(PERSONAL_PLACEHOLDER, personal_nav(request), 1))


def personal_nav(request) -> str:
    """The header's personal part; for anonymous readers it is always the same."""
    if request.user.is_authenticated:
        return render_to_string("core/personal_nav.html", request=request)
    if ("personal", "anonymous") not in _rendered:
        _rendered[("personal", "anonymous")] = render_to_string(
            "core/personal_nav.html", request=request
        )
    return _rendered[("personal", "anonymous")]


def overview(request):
    deck = get_deck()
    chosen = request.GET.get("perspektive", "")
    perspective = PERSPECTIVE_SLUGS.get(chosen)

    def context():
        return {
            "deck": deck,
            "filtered": [c for c in deck.reading_order if c.perspective == perspective]
            if perspective
            else None,
            "perspective": chosen if perspective else "",
            "perspective_label": PERSPECTIVES.get(perspective, ""),
            "perspective_choices": [
                (slug, PERSPECTIVES[value]) for slug, value in PERSPECTIVE_SLUGS.items()
            ],
        }

    return render_once(
        request, ("overview", deck.slug, perspective), "guide/overview.html", context
    )


def card(request, number):
    deck = get_deck()
    current = deck.cards.get(number)
    if current is None:
        raise Http404("Diese Karte gibt es im Fächer nicht.")

    def context():
        previous, following = deck.neighbours(current)
        return {
            "deck": deck,
            "card": current,
            "chapter": deck.chapter_of(current),
            "refs": [deck.cards[n] for n in current.refs],
            "referenced_by": [deck.cards[n] for n in current.referenced_by],
            "previous": previous,
            "next": following,
            "checks": hooks.card_checks(current.number),
        }

    return render_once(request, ("card", deck.slug, number), "guide/card.html", context)


def chapter(request, slug):
    deck = get_deck()
    found = next((c for c in deck.chapters if c.slug == slug), None)
    if found is None:
        raise Http404("Dieses Kapitel gibt es im Fächer nicht.")
    return render_once(
        request,
        ("chapter", deck.slug, found.slug),
        "guide/chapter.html",
        lambda: {"deck": deck, "chapter": found},
    )


def glossary(request):
    deck = get_deck()
    return render_once(
        request,
        ("glossary", deck.slug),
        "guide/glossary.html",
        lambda: {"deck": deck, "terms": deck.glossary},
    )


def network(request):
    deck = get_deck()
    return render_once(
        request,
        ("network", deck.slug),
        "guide/network.html",
        lambda: {
            "deck": deck,
            "svg": network_graph.svg(deck),
            "hubs": network_graph.hubs(deck),
        },
    )


def sources(request):
    deck = get_deck()
    return render_once(
        request, ("sources", deck.slug), "guide/sources.html", lambda: {"deck": deck}
    )


def search(request):
    deck = get_deck()
    query = request.GET.get("q", "")
    results = get_index().search(query) if query.strip() else None
    return render(
        request,
        "guide/search.html",
        {"deck": deck, "query": query, "results": results},
    )


def deck_json(request):
    response = JsonResponse(
        deck_as_data(get_deck()), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def deck_pdf(request):
    deck = get_deck()
    pdf = printing.deck_pdf(deck, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="faecher-{deck.slug}.pdf"'
    return response
