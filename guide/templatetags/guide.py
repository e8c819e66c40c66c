"""Linking the Werkstatt to the guide: every screen names the cards it rests on."""

from django import template

from guide.deck import get_deck

register = template.Library()


@register.inclusion_tag("guide/why.html")
def why(*numbers):
    """``{% why 30 31 %}`` — an aside "Warum? → Karte 30, 31" with the cards' titles.
    Also takes a list: ``{% why cards %}``."""
    deck = get_deck()
    flat = [n for entry in numbers for n in (entry if isinstance(entry, list | tuple) else [entry])]
    return {"cards": [deck.cards[n] for n in flat if n in deck.cards]}


@register.simple_tag
def card_link(number):
    """The URL of a guide card, for inline links ("→ Karte 42")."""
    return get_deck().cards[number].url
