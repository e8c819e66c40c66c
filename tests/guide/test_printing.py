"""The Fächer as printable A6 cards (PDF)."""

import dataclasses
import re
import zlib

import pytest

from guide.deck import Block, Card, Chapter, get_deck
from guide.printing import deck_pdf

DECK = get_deck()
BASE_URL = "https://testserver"
ESCAPE = re.compile(rb"\\(.)", re.S)
A6 = b"/MediaBox [0 0 297.64 419.53]"  # 105 x 148 mm in points


@pytest.fixture(scope="module")
def pdf():
    return deck_pdf(DECK, BASE_URL)


def pdf_objects(pdf: bytes) -> dict[bytes, bytes]:
    return dict(re.findall(rb"\n(\d+) 0 obj\n(.*?)\nendobj", pdf, re.S))


def pdf_pages(pdf: bytes) -> list[bytes]:
    """The page dictionaries in page order."""
    objects = pdf_objects(pdf)
    kids = re.search(rb"/Kids \[(.*?)\]", pdf, re.S).group(1)
    return [objects[number] for number in re.findall(rb"(\d+) 0 R", kids)]


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, decoded through the fonts' ToUnicode maps.

    Just enough of a PDF reader for what fpdf2 writes: literal strings shown with Tj, one
    BT…ET per line, fonts with a bfchar ToUnicode map. Saves a PDF library as dependency.
    """
    objects = pdf_objects(pdf)

    def stream(number: bytes) -> bytes:
        body = objects[number]
        data = re.search(rb"stream\n(.*)\nendstream", body, re.S).group(1)
        return zlib.decompress(data) if b"/FlateDecode" in body else data

    fonts = {}
    for name, number in set(re.findall(rb"/(F\d+) (\d+) 0 R", pdf)):
        cmap = stream(re.search(rb"/ToUnicode (\d+) 0 R", objects[number]).group(1))
        fonts[name] = {
            int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for code, text in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>", cmap)
        }
    unescape = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    texts = []
    for page in pdf_pages(pdf):
        content = stream(re.search(rb"/Contents (\d+) 0 R", page).group(1))
        font, lines = None, []
        tokens = rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj|(ET)"
        for match in re.finditer(tokens, content, re.S):
            if match.group(1):
                font = fonts[match.group(1)]
            elif match.group(3):
                lines.append("\n")
            else:
                raw = re.sub(ESCAPE, lambda m: unescape.get(m[1], m[1]), match.group(2))
                codes = (int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2))
                lines.append("".join(font[code] for code in codes))
        texts.append(re.sub(r"\n+", "\n", "".join(lines)).strip())
    return texts


def test_the_print_link_serves_the_cards_as_an_inline_pdf(client):
    response = client.get("/faecher/faecher.pdf", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="faecher-koproduktion.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert response.content == deck_pdf(DECK, BASE_URL)


def test_there_is_a_title_page_and_a_front_and_back_for_every_card_in_an_even_count(pdf):
    pages = pdf_pages(pdf)
    assert len(pages) >= 2 * len(DECK.reading_order) + 2
    assert len(pages) % 2 == 0
    assert len(re.findall(rb"/Type /Page\n", pdf)) == len(pages)


def test_every_page_is_a6(pdf):
    assert re.findall(rb"/MediaBox \[[^\]]*\]", pdf) == [A6]  # set once, for all pages


def test_each_front_page_links_to_its_card_online_and_prints_the_address(pdf):
    pages, texts = pdf_pages(pdf), page_texts(pdf)
    for index, card in enumerate(DECK.reading_order):
        url = f"{BASE_URL}/faecher/karten/{card.number}/"
        front = 2 + 2 * index
        assert f"/URI ({url})".encode() in pages[front]
        assert f"testserver/faecher/karten/{card.number}\n" in texts[front] + "\n"
        assert card.title.split()[0] in texts[front]
        assert "→" not in texts[front]


def test_each_back_page_holds_the_card_text_references_and_attribution(pdf):
    texts = page_texts(pdf)
    for index, card in enumerate(DECK.reading_order):
        back = " ".join(texts[3 + 2 * index].split())
        assert " ".join(card.plain_text.split()[-6:]) in back  # the text fits on the page
        if card.refs:
            assert "→ " + ", ".join(str(number) for number in card.refs) in back
        assert "Leitfaden „Ko-Produktion“ · KoopWohl · www.koopwohl.de" in back


def test_the_title_page_names_the_guide_and_explains_duplex_printing(pdf):
    title, blank_back = page_texts(pdf)[:2]
    assert DECK.title in title
    assert "KoopWohl" in title
    assert "Doppelseitig drucken, an der langen Kante" in " ".join(title.split())
    assert blank_back == ""


def test_the_pdf_carries_german_metadata_by_koopwohl(pdf):
    def info(key: str) -> str:
        pattern = rf"/{key} (?:<feff([0-9a-f]+)>|\((.*?)\))\n"  # UTF-16 as hex, or plain
        utf16, plain = re.search(pattern.encode(), pdf).groups()
        return bytes.fromhex(utf16.decode()).decode("utf-16-be") if utf16 else plain.decode()

    assert b"/Lang (de)" in pdf
    assert info("Author") == "KoopWohl"
    assert info("Title").startswith("Ko-Produktion")
    assert info("Subject") == DECK.subtitle


def test_a_text_too_long_for_one_page_continues_and_keeps_the_next_front_on_an_odd_page():
    long = Card(
        number=99,
        title="Sehr lange Karte",
        chapter="lang",
        perspective="both",
        refs=(6,),
        blocks=tuple(Block("p", (f"Absatz {n} " + "Wort " * 60,)) for n in range(40)),
    )
    short = dataclasses.replace(DECK.cards[6], chapter="lang")
    chapter = Chapter("lang", None, "Lang", (99, 6), [long, short])
    deck = dataclasses.replace(DECK, chapters=[chapter], cards={99: long, 6: short})

    pages = page_texts(deck_pdf(deck, BASE_URL))

    assert len(pages) % 2 == 0
    assert "Absatz 0" in pages[3]
    assert "Absatz 39" not in pages[3]
    last_front = next(index for index, text in enumerate(pages) if "karten/6" in text)
    assert last_front % 2 == 0  # page number last_front + 1 is odd
    assert any("Absatz 39" in text for text in pages[4:last_front])
    assert "Partizipation" in pages[last_front + 1]
