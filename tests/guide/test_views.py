"""The reading views of the Fächer."""

import json

import pytest

from guide.deck import get_deck

DECK = get_deck()


@pytest.fixture
def get(client):
    def fetch(url, **extra):
        return client.get(url, secure=True, **extra)

    return fetch


def test_overview_lists_every_chapter_and_card_and_a_way_to_start_reading(get):
    page = get("/faecher/").content.decode()
    for chapter in DECK.chapters:
        assert chapter.title in page
    for card in DECK.cards.values():
        assert f'href="/faecher/karten/{card.number}/"' in page
    assert "Von vorne lesen: Karte 6" in page
    assert "Was beschäftigt euch gerade?" in page


def test_a_card_shows_text_references_back_references_and_neighbours(get):
    response = get("/faecher/karten/31/")
    page = response.content.decode()
    card = DECK.cards[31]
    assert response.status_code == 200
    assert card.title in page
    assert "Kapitel: Ziele" in page
    for number in card.refs:
        assert f'href="/faecher/karten/{number}/" data-number="{number}"' in page
    assert card.referenced_by
    for number in card.referenced_by:
        assert f'href="/faecher/karten/{number}/"' in page
    assert 'href="/faecher/karten/30/" rel="prev"' in page
    assert 'href="/faecher/karten/32/" rel="next"' in page
    assert "KoopWohl" in page


def test_the_first_and_last_card_have_only_one_neighbour(get):
    assert 'rel="prev"' not in get("/faecher/karten/6/").content.decode()
    assert 'rel="next"' not in get("/faecher/karten/52/").content.decode()


@pytest.mark.parametrize(
    "url", ["/faecher/karten/10/", "/faecher/karten/99/", "/faecher/kapitel/x/"]
)
def test_unknown_cards_and_chapters_answer_404(get, url):
    assert get(url).status_code == 404


def test_a_chapter_shows_all_its_cards_with_text(get):
    page = get("/faecher/kapitel/strukturen-der-zusammenarbeit/").content.decode()
    for number in range(40, 53):
        assert DECK.cards[number].title in page


def test_glossary_lists_terms_with_their_card_and_occurrences(get):
    page = get("/faecher/begriffe/").content.decode()
    assert 'id="daseinsvorsorge"' in page
    assert 'href="/faecher/karten/9/"' in page


def test_card_text_links_glossary_terms(get):
    page = get("/faecher/karten/11/").content.decode()
    assert 'href="/faecher/begriffe/#' in page


def test_perspective_filter_shows_only_cards_of_that_side(get):
    page = get("/faecher/?perspektive=verwaltung").content.decode()
    assert 'href="/faecher/karten/12/"' in page
    assert 'href="/faecher/karten/13/"' not in page
    page = get("/faecher/?perspektive=zivilgesellschaft").content.decode()
    assert 'href="/faecher/karten/13/"' in page
    assert 'href="/faecher/karten/12/"' not in page


def test_an_unknown_perspective_shows_all_cards(get):
    page = get("/faecher/?perspektive=quatsch").content.decode()
    assert 'href="/faecher/karten/52/"' in page


def test_search_ranks_and_highlights(get):
    page = get("/faecher/suche/", data={"q": "Koproduktion"}).content.decode()
    results = page[page.index('class="results"') :]
    assert results.index('href="/faecher/karten/6/"') < results.index('href="/faecher/karten/52/"')
    assert "<mark>" in page


@pytest.mark.parametrize("query", ["", "der die das", "xqzv", "<script>alert(1)</script>"])
def test_search_answers_empty_or_absurd_queries_helpfully(get, query):
    response = get("/faecher/suche/", data={"q": query})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "Fächer" in page


def test_search_corrects_a_word_that_matches_nothing_and_says_so(get):
    page = get("/faecher/suche/", data={"q": "Partizipaton"}).content.decode()
    assert "Gesucht nach: <strong>Partizipation</strong>" in page
    assert 'href="/faecher/karten/6/"' in page
    assert "Meintet ihr" not in page


def test_search_asks_meintet_ihr_when_no_word_is_close_enough(get):
    page = get("/faecher/suche/", data={"q": "Legimitazion"}).content.decode()
    assert "Meintet ihr" in page and "legitimation" in page
    assert "Gesucht nach" not in page


def test_a_card_shows_the_questions_it_helps_with_in_both_registers(get):
    page = get("/faecher/karten/12/").content.decode()
    assert "Diese Karte hilft, wenn ihr …" in page
    assert "Aus Sicht von Verwaltung und Politik" in page
    assert "Aus Sicht der Zivilgesellschaft" in page
    for questions in DECK.cards[12].questions.values():
        assert all(question in page for question in questions)


def test_network_is_an_svg_with_every_card_and_a_table_as_text_alternative(get):
    page = get("/faecher/netz/").content.decode()
    assert "<svg" in page
    refs = sum(len(card.refs) for card in DECK.cards.values())
    assert page.count("<path ") == refs
    assert page.count("<tr>") == len(DECK.cards) + 1


def test_the_hubs_come_first_in_the_network_table(get):
    page = get("/faecher/netz/").content.decode()
    top = max(DECK.cards.values(), key=lambda card: len(card.referenced_by))
    table = page[page.index("<tbody>") :]
    assert table.index(f"/faecher/karten/{top.number}/") < table.index("/faecher/karten/6/")


def test_the_whole_deck_is_open_data(get):
    response = get("/faecher/faecher.json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert len(data["cards"]) == 42
    assert data["cards"][0]["number"] == 6
    assert data["cards"][0]["references"] == [31, 47]
    assert "KoopWohl" in data["attribution"]
    assert data["glossary"] and data["chapters"]


def test_sources_page_lists_other_guides_and_attribution(get):
    page = get("/faecher/quellen/").content.decode()
    assert "https://stadtraum.jetzt/mustersprache" in page
    assert "www.koopwohl.de" in page
