from django.http import Http404, JsonResponse
from django.shortcuts import render

from guide import network as network_graph
from guide.deck import PERSPECTIVES, get_deck
from guide.opendata import deck_as_data
from guide.search import get_index

PERSPECTIVE_SLUGS = {
    "verwaltung": "administration",
    "zivilgesellschaft": "civil_society",
    "beide": "both",
}


def overview(request):
    deck = get_deck()
    chosen = request.GET.get("perspektive", "")
    perspective = PERSPECTIVE_SLUGS.get(chosen)
    filtered = (
        [card for card in deck.reading_order if card.perspective == perspective]
        if perspective
        else None
    )
    return render(
        request,
        "guide/overview.html",
        {
            "deck": deck,
            "filtered": filtered,
            "perspective": chosen if perspective else "",
            "perspective_label": PERSPECTIVES.get(perspective, ""),
            "perspective_choices": [
                (slug, PERSPECTIVES[value]) for slug, value in PERSPECTIVE_SLUGS.items()
            ],
        },
    )


def card(request, number):
    deck = get_deck()
    current = deck.cards.get(number)
    if current is None:
        raise Http404("Diese Karte gibt es im Fächer nicht.")
    previous, following = deck.neighbours(current)
    return render(
        request,
        "guide/card.html",
        {
            "deck": deck,
            "card": current,
            "chapter": deck.chapter_of(current),
            "refs": [deck.cards[n] for n in current.refs],
            "referenced_by": [deck.cards[n] for n in current.referenced_by],
            "previous": previous,
            "next": following,
        },
    )


def chapter(request, slug):
    deck = get_deck()
    found = next((c for c in deck.chapters if c.slug == slug), None)
    if found is None:
        raise Http404("Dieses Kapitel gibt es im Fächer nicht.")
    return render(request, "guide/chapter.html", {"deck": deck, "chapter": found})


def glossary(request):
    deck = get_deck()
    return render(request, "guide/glossary.html", {"deck": deck, "terms": deck.glossary})


def search(request):
    deck = get_deck()
    query = request.GET.get("q", "")
    results = get_index().search(query) if query.strip() else None
    return render(
        request,
        "guide/search.html",
        {"deck": deck, "query": query, "results": results},
    )


def network(request):
    deck = get_deck()
    return render(
        request,
        "guide/network.html",
        {"deck": deck, "svg": network_graph.svg(deck), "hubs": network_graph.hubs(deck)},
    )


def sources(request):
    return render(request, "guide/sources.html", {"deck": get_deck()})


def deck_json(request):
    response = JsonResponse(
        deck_as_data(get_deck()), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def deck_pdf(request):
    raise Http404  # replaced by the print module
