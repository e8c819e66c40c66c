"""The deck as open data (faecher.json): plain structures, no HTML."""

from guide.deck import Deck


def blocks_as_data(blocks) -> list[dict]:
    return [
        {"type": "list", "items": list(b.items)}
        if b.kind == "list"
        else {"type": {"p": "paragraph", "h": "heading"}[b.kind], "text": b.items[0]}
        for b in blocks
    ]


def deck_as_data(deck: Deck) -> dict:
    return {
        "slug": deck.slug,
        "title": deck.title,
        "subtitle": deck.subtitle,
        "publisher": deck.publisher,
        "url": deck.url,
        "attribution": deck.attribution,
        "markup": "Text fields may contain **bold** key terms (Markdown).",
        "introduction": blocks_as_data(deck.introduction),
        "chapters": [
            {
                "slug": c.slug,
                "number": c.number,
                "title": c.title,
                "cards": list(c.card_numbers),
            }
            for c in deck.chapters
        ],
        "cards": [
            {
                "number": card.number,
                "title": card.title,
                "chapter": card.chapter,
                "perspective": card.perspective,
                "references": list(card.refs),
                "referenced_by": card.referenced_by,
                "body": blocks_as_data(card.blocks),
                "questions": {r: list(q) for r, q in card.questions.items()},
            }
            for card in deck.reading_order
        ],
        "glossary": [
            {"term": t.term, "card": t.card, "definition": t.definition, "occurs_in": t.occurs_in}
            for t in deck.glossary
        ],
        "other_guides": deck.other_guides,
        "sources": deck.sources,
    }
