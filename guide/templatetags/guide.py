"""Linking the Werkstatt to the guide: every screen names the cards it rests on."""

import functools

from django import template
from django.template.loader import get_template

from guide.deck import get_deck

register = template.Library()


@register.simple_tag
def why(*numbers):
    """``{% why 30 31 %}`` — an aside "Warum? → Karte 30, 31" with the cards' titles.
    Also takes a list: ``{% why cards %}``. The deck is static: rendered once per process."""
    flat = [n for entry in numbers for n in (entry if isinstance(entry, list | tuple) else [entry])]
    return _why(tuple(flat))


@functools.lru_cache(maxsize=1024)
def _why(numbers: tuple) -> str:
    deck = get_deck()
    cards = [deck.cards[n] for n in numbers if n in deck.cards]
    return get_template("guide/why.html").render({"cards": cards})


@register.simple_tag
def card_link(number):
    """The URL of a guide card, for inline links ("→ Karte 42")."""
    return get_deck().cards[number].url
