"""Loading a guide deck (Fächer) from its YAML file into immutable, pre-rendered objects.

A deck is static content: it is read and rendered once per process and then reused by every
request, so a card page costs no more than its surrounding layout (see bench/).
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify

PERSPECTIVES = {
    "both": "Beide Seiten",
    "administration": "Verwaltung und Politik",
    "civil_society": "Zivilgesellschaft",
}
# The two registers a card's practice questions are written in (deck field ``questions``).
QUESTION_REGISTERS = {
    "administration": "Aus Sicht von Verwaltung und Politik",
    "civil_society": "Aus Sicht der Zivilgesellschaft",
}
BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Block:
    """A paragraph (``p``), a bullet list (``list``) or a sub-heading (``h``) of card text."""

    kind: str
    items: tuple[str, ...]


@dataclass
class Term:
    """Begriff — a term the guide defines, linked wherever it occurs in card text."""

    term: str
    slug: str
    card: int
    definition: str
    forms: tuple[str, ...]
    occurs_in: list[int] = field(default_factory=list)


@dataclass
class Card:
    """Karte — one numbered card of the fan, with its printed references (→ 31, 47)."""

    number: int
    title: str
    chapter: str
    perspective: str
    refs: tuple[int, ...]
    blocks: tuple[Block, ...]
    referenced_by: list[int] = field(default_factory=list)
    html: str = ""
    # Questions from practice that lead to the card, per register ("Diese Karte hilft, wenn ihr …").
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def question_groups(self) -> list[tuple[str, tuple[str, ...]]]:
        return [
            (label, self.questions[register])
            for register, label in QUESTION_REGISTERS.items()
            if self.questions.get(register)
        ]

    @property
    def perspective_label(self) -> str:
        return PERSPECTIVES[self.perspective]

    @property
    def plain_text(self) -> str:
        return "\n".join(strip_markup(item) for block in self.blocks for item in block.items)

    @functools.cached_property
    def url(self) -> str:
        return reverse("guide:card", args=[self.number])

    def get_absolute_url(self) -> str:
        return self.url


@dataclass
class Chapter:
    """Kapitel — a chapter of the fan, holding its cards in reading order."""

    slug: str
    number: int | None
    title: str
    card_numbers: tuple[int, ...]
    cards: list[Card] = field(default_factory=list)

    @functools.cached_property
    def url(self) -> str:
        return reverse("guide:chapter", args=[self.slug])

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(eq=False)
class Deck:
    """Fächer — one published guide: introduction, chapters, cards, glossary, links, sources."""

    slug: str
    title: str
    subtitle: str
    publisher: str
    url: str
    attribution: str
    introduction: tuple[Block, ...]
    chapters: list[Chapter]
    cards: dict[int, Card]
    glossary: list[Term]
    other_guides: dict
    sources: dict
    search: dict

    @functools.cached_property
    def reading_order(self) -> list[Card]:
        return [card for chapter in self.chapters for card in chapter.cards]

    def chapter_of(self, card: Card) -> Chapter:
        return next(chapter for chapter in self.chapters if chapter.slug == card.chapter)

    def neighbours(self, card: Card) -> tuple[Card | None, Card | None]:
        order = self.reading_order
        index = order.index(card)
        previous = order[index - 1] if index > 0 else None
        following = order[index + 1] if index + 1 < len(order) else None
        return previous, following


def strip_markup(text: str) -> str:
    return BOLD.sub(r"\1", text)


def render_inline(text: str, link_term=None) -> str:
    """Escape text, turn **x** into <strong>, and let ``link_term`` link glossary terms."""
    parts = []
    for index, segment in enumerate(BOLD.split(text)):
        html = escape(segment)
        if link_term is not None:
            html = link_term(html)
        parts.append(f"<strong>{html}</strong>" if index % 2 else html)
    return "".join(parts)


def render_blocks(blocks, link_term=None) -> str:
    out = []
    for block in blocks:
        if block.kind == "p":
            out.append(f"<p>{render_inline(block.items[0], link_term)}</p>")
        elif block.kind == "h":
            out.append(f"<h3>{render_inline(block.items[0], link_term)}</h3>")
        else:
            items = "".join(f"<li>{render_inline(item, link_term)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>")
    return "\n".join(out)


def parse_blocks(raw: list[dict]) -> tuple[Block, ...]:
    blocks = []
    for entry in raw:
        ((kind, value),) = entry.items()
        if kind not in {"p", "list", "h"}:
            raise ValueError(f"Unknown block kind {kind!r}")
        blocks.append(Block(kind, tuple(value) if kind == "list" else (value,)))
    return tuple(blocks)


class TermLinker:
    """Links the first occurrence of each glossary term on a card to the glossary entry."""

    def __init__(self, terms: list[Term], card: Card, glossary_url: str):
        self.card = card
        self.glossary_url = glossary_url
        self.pending = [term for term in terms if term.card != card.number]
        self.patterns = {
            term.slug: re.compile(
                r"(?<![\w-])(" + "|".join(re.escape(form) for form in term.forms) + r")(?![\w-])"
            )
            for term in self.pending
        }

    def __call__(self, html: str) -> str:
        for term in list(self.pending):
            pattern = self.patterns[term.slug]
            if pattern.search(html):
                html = pattern.sub(self._link(term), html, count=1)
                self.pending.remove(term)
                term.occurs_in.append(self.card.number)
        return html

    def _link(self, term: Term):
        def replace(match: re.Match) -> str:
            return (
                f'<a class="term" href="{self.glossary_url}#{term.slug}" '
                f'title="Begriff: {escape(term.term)}">{match.group(1)}</a>'
            )

        return replace


def load_deck(path: Path) -> Deck:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    chapters = [
        Chapter(c["slug"], c.get("number"), c["title"], tuple(c["cards"])) for c in data["chapters"]
    ]
    chapter_of = {n: chapter.slug for chapter in chapters for n in chapter.card_numbers}
    cards = {}
    for raw in data["cards"]:
        number = raw["number"]
        cards[number] = Card(
            number=number,
            title=raw["title"],
            chapter=chapter_of[number],
            perspective=raw.get("perspective", "both"),
            refs=tuple(raw.get("refs", ())),
            blocks=parse_blocks(raw["body"]),
            questions={
                register: tuple(items) for register, items in (raw.get("questions") or {}).items()
            },
        )
    for chapter in chapters:
        chapter.cards = [cards[n] for n in chapter.card_numbers]
    for card in cards.values():
        for target in card.refs:
            cards[target].referenced_by.append(card.number)
    glossary = [
        Term(
            term=t["term"],
            slug=slugify(t["term"]),
            card=t["card"],
            definition=t["definition"],
            forms=tuple(sorted(t.get("forms") or [t["term"]], key=len, reverse=True)),
        )
        for t in data.get("glossary", [])
    ]
    glossary.sort(key=lambda term: term.term.lower())
    glossary_url = reverse("guide:glossary")
    for card in cards.values():
        card.referenced_by.sort()
        card.html = render_blocks(card.blocks, TermLinker(glossary, card, glossary_url))
    for term in glossary:
        term.occurs_in.sort()
    return Deck(
        slug=data["slug"],
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        publisher=data["publisher"],
        url=data["url"],
        attribution=data["attribution"],
        introduction=parse_blocks(data.get("introduction", [])),
        chapters=chapters,
        cards=cards,
        glossary=glossary,
        other_guides=data.get("other_guides") or {},
        sources=data.get("sources") or {},
        search=data.get("search") or {},
    )


def deck_path(slug: str) -> Path:
    return Path(settings.GUIDE_DECKS_DIR) / f"{slug}.yaml"


def built_once(build):
    """Cache one value per slug, built once per process even when threads ask at the same time.

    ``functools.cache`` lets every thread that misses build its own value; under gunicorn's
    threaded workers that means several decks and indexes in flight at once.
    """
    values = {}
    lock = threading.Lock()

    @functools.wraps(build)
    def get(slug: str | None = None):
        try:
            return values[slug]
        except KeyError:
            pass
        with lock:
            if slug not in values:
                values[slug] = build(slug)
            return values[slug]

    get.cache_clear = values.clear
    return get


@built_once
def get_deck(slug: str | None = None) -> Deck:
    return load_deck(deck_path(slug or settings.GUIDE_DEFAULT_DECK))
