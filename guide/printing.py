"""The Fächer as printable A6 cards for workshops (PDF, built with fpdf2).

Page order is made for duplex printing ("doppelseitig, an der langen Kante wenden"):

* page 1 is a title page, page 2 its blank back;
* then every card in reading order as a front page (number, chapter, title, QR code to the
  card online) followed by a back page (the card text, its references "→ 31, 47" and the
  attribution).

Fronts therefore always land on odd pages. The card text is fitted onto its back by
shrinking the font step by step from 9 pt to 6.5 pt. Should a text not fit even at 6.5 pt,
it continues on an extra page, and a blank page follows so that the next front is again on an
odd page (that card then takes two sheets). The PDF always has an even number of pages.

The deck is static, so the bytes are built once per deck and base URL and then reused.
"""

from __future__ import annotations

import functools
import os
from urllib.parse import urlsplit

import font_source_sans_pro
import segno
from django.urls import reverse
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from guide.deck import Block, Card, Deck, strip_markup

AUTHOR = "KoopWohl"
PAGE_WIDTH, PAGE_HEIGHT = 105, 148  # A6 portrait, mm
MARGIN = 8
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_HEIGHT = 10  # references and attribution at the bottom of a back page
FONT = "SourceSans"
FONT_DIR = os.path.join(os.path.dirname(font_source_sans_pro.__file__), "files")
FONT_FILES = {"": "Regular", "B": "Bold", "I": "It"}
# From 9 pt down to 6.5 pt, the smallest size still comfortable to read on a card.
TEXT_SIZES = (9, 8.5, 8, 7.5, 7, 6.5)
LEADING = 1.22  # line height as a multiple of the font size
BULLET_INDENT = 3.2
INK = (29, 35, 39)
MUTED = (74, 84, 92)
# The chapter colours of the web interface (.chapter-0 … .chapter-6 in gemeinwerk.css).
CHAPTER_COLOURS = (
    (31, 95, 139),
    (138, 59, 18),
    (47, 107, 47),
    (107, 61, 138),
    (138, 31, 75),
    (74, 90, 20),
    (0, 95, 95),
)
MARKDOWN_ESCAPES = ("__", "~~", "--")  # fpdf2 markers other than **bold** that must stay text
PT = 25.4 / 72  # one point in mm


@functools.lru_cache(maxsize=8)
def deck_pdf(deck: Deck, base_url: str) -> bytes:
    """Return the deck as a PDF of A6 cards whose QR codes point to ``base_url``."""
    pdf = CardPDF(deck)
    pdf.title_page(base_url)
    pdf.add_page()  # the blank back of the title page
    for card in deck.reading_order:
        pdf.front(card, base_url + card.get_absolute_url())
        pdf.back(card)
    return bytes(pdf.output())


def attribution(deck: Deck) -> str:
    return f"Leitfaden „{deck.title}“ · {AUTHOR} · {urlsplit(deck.url).hostname}"


def short_url(url: str) -> str:
    """The URL as printed under a QR code: without scheme and trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def markdown(text: str) -> str:
    """Card text as fpdf2 markdown: keep **bold**, escape the other markers fpdf2 knows."""
    for marker in MARKDOWN_ESCAPES:
        text = text.replace(marker, "\\" + marker)
    return text


class CardPDF(FPDF):
    def __init__(self, deck: Deck):
        super().__init__(orientation="P", unit="mm", format=(PAGE_WIDTH, PAGE_HEIGHT))
        self.deck = deck
        self.colours = {
            chapter.slug: CHAPTER_COLOURS[index % len(CHAPTER_COLOURS)]
            for index, chapter in enumerate(deck.chapters)
        }
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, os.path.join(FONT_DIR, f"SourceSansPro-{name}.ttf"))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.set_title(f"{deck.title} – der Fächer als Karten")
        self.set_subject(deck.subtitle)
        self.set_author(AUTHOR)
        self.set_creator("Gemeinwerk")
        self.set_keywords("Ko-Produktion, Leitfaden, Karten, Workshop")
        self.set_lang("de")
        self.set_display_mode("fullpage")
        self.set_text_color(*INK)

    # -- title page ---------------------------------------------------------------------

    def title_page(self, base_url: str) -> None:
        deck = self.deck
        self.add_page()
        self.set_fill_color(*CHAPTER_COLOURS[0])
        self.rect(0, 0, PAGE_WIDTH, 6, style="F")
        self.set_y(18)
        self.set_font(FONT, "B", 26)
        self.multi_cell(CONTENT_WIDTH, 11, deck.title, align="L", **_NEXT_LINE)
        self.ln(2)
        self.set_font(FONT, "", 10.5)
        self.multi_cell(CONTENT_WIDTH, 5, deck.subtitle, align="L", **_NEXT_LINE)
        self.ln(5)
        self.set_font(FONT, "B", 10)
        self.multi_cell(
            CONTENT_WIDTH, 5, f"Der Fächer als Karten – {len(deck.reading_order)} Karten",
            align="L", **_NEXT_LINE,
        )  # fmt: skip
        self.set_font(FONT, "", 9)
        self.multi_cell(CONTENT_WIDTH, 4.5, deck.attribution, align="L", **_NEXT_LINE)

        self.set_y(PAGE_HEIGHT - MARGIN - 38)
        self.set_draw_color(*MUTED)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y(), PAGE_WIDTH - MARGIN, self.get_y())
        self.ln(3)
        self.set_font(FONT, "B", 9)
        self.cell(CONTENT_WIDTH, 4.5, "So wird gedruckt", **_NEXT_LINE)
        self.set_font(FONT, "", 8.5)
        self.multi_cell(
            CONTENT_WIDTH,
            4.2,
            "Format A6 (105 × 148 mm). Doppelseitig drucken, an der langen Kante wenden. "
            "Jede Karte hat vorne Nummer, Titel und QR-Code, hinten Text und Verweise. "
            "Leere Seiten sind Absicht: So liegen die Vorderseiten immer auf ungeraden Seiten.",
            align="L",
            **_NEXT_LINE,
        )
        self.ln(2)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        overview = base_url + reverse("guide:overview")
        self.cell(CONTENT_WIDTH, 4, f"Online lesen: {short_url(overview)}", link=overview)
        self.set_text_color(*INK)

    # -- card front ---------------------------------------------------------------------

    def front(self, card: Card, url: str) -> None:
        self.add_page()
        chapter = self.deck.chapter_of(card)
        colour = self.colours[chapter.slug]

        self.set_fill_color(*colour)
        self.rect(0, 0, PAGE_WIDTH, 14, style="F")
        self.set_text_color(255, 255, 255)
        self.set_font(FONT, "B", 9)
        self.set_xy(MARGIN, 4)
        self.cell(CONTENT_WIDTH, 6, chapter.title.upper(), align="L")

        self.set_text_color(*colour)
        self.set_font(FONT, "B", 54)
        self.set_xy(MARGIN, 18)
        self.cell(CONTENT_WIDTH, 22, str(card.number), align="L", **_NEXT_LINE)

        self.set_text_color(*INK)
        self.set_font(FONT, "B", 15)
        self.set_y(self.get_y() + 2)
        self.multi_cell(CONTENT_WIDTH, 6.4, card.title, align="L", **_NEXT_LINE)
        self.ln(1.5)
        self.set_font(FONT, "I", 8.5)
        self.set_text_color(*MUTED)
        self.cell(CONTENT_WIDTH, 4, f"Perspektive: {card.perspective_label}", **_NEXT_LINE)

        size = 32
        x = (PAGE_WIDTH - size) / 2
        y = PAGE_HEIGHT - MARGIN - 6 - size
        self.qr_code(url, x, y, size)
        self.link(x, y, size, size, url)
        self.set_font(FONT, "", 7.5)
        self.set_xy(MARGIN, y + size + 1.5)
        self.cell(CONTENT_WIDTH, 4, short_url(url), align="C", link=url)
        self.set_text_color(*INK)

    def qr_code(self, data: str, x: float, y: float, size: float) -> None:
        """Draw ``data`` as a QR code of vector squares; the quiet zone is the white page."""
        matrix = segno.make(data, error="m", micro=False).matrix
        module = size / len(matrix)
        self.set_fill_color(0, 0, 0)
        for row, bits in enumerate(matrix):
            column = 0
            while column < len(bits):
                if not bits[column]:
                    column += 1
                    continue
                start = column
                while column < len(bits) and bits[column]:
                    column += 1
                # A run of dark modules becomes one rectangle; a hair of overlap avoids seams.
                self.rect(
                    x + start * module,
                    y + row * module,
                    (column - start) * module,
                    module + 0.01,
                    style="F",
                )

    # -- card back ----------------------------------------------------------------------

    def back(self, card: Card) -> None:
        self.add_page()
        colour = self.colours[card.chapter]
        self.set_fill_color(*colour)
        self.rect(0, 0, PAGE_WIDTH, 3, style="F")
        self.set_xy(MARGIN, 6)
        self.set_font(FONT, "B", 8.5)
        self.set_text_color(*colour)
        self.cell(8, 4.5, str(card.number))
        self.set_text_color(*INK)
        self.multi_cell(CONTENT_WIDTH - 8, 4.5, card.title, align="L", **_NEXT_LINE)
        self.ln(1.5)

        top = self.get_y()
        bottom = PAGE_HEIGHT - MARGIN - FOOTER_HEIGHT
        size = next(
            (s for s in TEXT_SIZES if self.blocks(card.blocks, s, dry_run=True) <= bottom - top),
            None,
        )
        if size is None:
            # Too long even at the smallest size: let the text run onto an extra page.
            self.set_auto_page_break(True, margin=PAGE_HEIGHT - bottom)
            self.blocks(card.blocks, TEXT_SIZES[-1])
            self.set_auto_page_break(False)
        else:
            self.blocks(card.blocks, size)
        self.back_footer(card)
        if self.page % 2:
            self.add_page()  # blank, so that the next front is on an odd page again

    def blocks(self, blocks: tuple[Block, ...], size: float, *, dry_run: bool = False) -> float:
        """Write (or with ``dry_run`` only measure) card text; return its height in mm."""
        line = size * LEADING * PT
        self.set_font(FONT, "", size)
        self.set_text_color(*INK)
        height = 0.0
        for index, block in enumerate(blocks):
            if index:
                height += self.gap(line * 0.45, dry_run)
            if block.kind == "list":
                for number, item in enumerate(block.items):
                    if number:
                        height += self.gap(line * 0.15, dry_run)
                    if not dry_run:
                        self.set_x(MARGIN)
                        self.cell(BULLET_INDENT, line, "•")
                    height += self.text(item, CONTENT_WIDTH - BULLET_INDENT, line, dry_run)
            else:
                text = block.items[0]
                if block.kind == "h":
                    text = f"**{strip_markup(text)}**"
                height += self.text(text, CONTENT_WIDTH, line, dry_run)
        return height

    def text(self, text: str, width: float, line: float, dry_run: bool) -> float:
        return self.multi_cell(
            width,
            line,
            markdown(text),
            align="L",
            markdown=True,
            dry_run=dry_run,
            output=MethodReturnValue.HEIGHT,
            **_NEXT_LINE,
        )

    def gap(self, height: float, dry_run: bool) -> float:
        if not dry_run:
            self.ln(height)
        return height

    def back_footer(self, card: Card) -> None:
        y = PAGE_HEIGHT - MARGIN - FOOTER_HEIGHT + 2.5
        self.set_draw_color(*MUTED)
        self.set_line_width(0.15)
        self.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)
        if card.refs:
            self.set_xy(MARGIN, y + 1)
            self.set_font(FONT, "B", 9)
            self.set_text_color(*self.colours[card.chapter])
            refs = ", ".join(str(number) for number in card.refs)
            self.cell(CONTENT_WIDTH, 4.5, f"→ {refs}", align="R")
        self.set_xy(MARGIN, y + 1.3)
        self.set_font(FONT, "", 6.5)
        self.set_text_color(*MUTED)
        self.cell(CONTENT_WIDTH - 20, 4, attribution(self.deck), align="L")
        self.set_text_color(*INK)


_NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
