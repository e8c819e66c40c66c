import json
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command

from guide.deck import get_deck
from guide.export import search_words


class LinkParser(HTMLParser):
    """The URLs (href, src, form action), element ids and scripts of one HTML file."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[dict] = []
        self.forms: list[dict] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.urls += [v for k, v in attrs if k in {"href", "src", "action"} and v is not None]
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "script":
            self.scripts.append({"src": attributes.get("src"), "text": ""})
            self._in_script = True
        if tag == "form":
            self.forms.append(attributes)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1]["text"] += data


def parse(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    target = tmp_path_factory.mktemp("export").resolve()
    out = StringIO()
    call_command("export_faecher", str(target), stdout=out, stderr=StringIO())
    return target, out.getvalue()


@pytest.fixture(scope="module")
def site(export):
    return export[0]


@pytest.fixture(scope="module")
def html_files(site):
    files = sorted(site.rglob("*.html"))
    assert len(files) > 50
    return {path: parse(path) for path in files}


def test_every_card_has_its_own_page(site):
    for number, card in get_deck().cards.items():
        page = site / "karten" / str(number) / "index.html"
        assert page.is_file(), number
        assert card.title in page.read_text(encoding="utf-8").replace("&quot;", '"')


def test_every_chapter_and_the_other_pages_are_exported(site):
    for chapter in get_deck().chapters:
        assert (site / "kapitel" / chapter.slug / "index.html").is_file()
    for page in [
        "index.html",
        "begriffe/index.html",
        "netz/index.html",
        "quellen/index.html",
        "suche/index.html",
        "barrierefreiheit/index.html",
        "leichte-sprache/index.html",
        "faecher.json",
        "static/core/gemeinwerk.css",
        "static/core/favicon.svg",
        "static/guide/static-search.js",
    ]:
        assert (site / page).is_file(), page


def test_the_command_says_how_many_files_it_wrote(export):
    site, output = export
    written = sum(1 for path in site.rglob("*") if path.is_file())
    assert f"{written} Dateien" in output


def test_every_local_link_leads_to_an_existing_file_and_anchor(html_files):
    checked = 0
    for path, parsed in html_files.items():
        for url in parsed.urls:
            if is_external(url) or url.startswith("#"):
                continue
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{path}: {url}"
            assert not parts.path.endswith("/"), f"{path}: {url} names a directory"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in html_files[target].ids, f"{path}: {url}"
            checked += 1
    assert checked > 1000


def test_same_page_anchors_exist(html_files):
    for path, parsed in html_files.items():
        for url in parsed.urls:
            if url.startswith("#"):
                assert url[1:] in parsed.ids, f"{path}: {url}"


def test_nothing_links_to_the_app_itself(site, html_files):
    for path, parsed in html_files.items():
        for url in parsed.urls:
            assert not url.startswith("/"), f"{path}: {url}"
    for path in site.rglob("*"):
        if path.suffix in {".html", ".js", ".json", ".css"}:
            text = path.read_text(encoding="utf-8")
            assert '"/faecher/' not in text, path
            assert '"/static/' not in text, path


def test_links_on_a_card_are_relative_to_the_card(site, html_files):
    urls = html_files[site / "karten" / "6" / "index.html"].urls
    assert "../31/index.html" in urls
    assert "../../static/core/gemeinwerk.css" in urls
    assert any(url.startswith("../../begriffe/index.html#") for url in urls)
    assert "https://www.koopwohl.de/" in urls


def test_the_header_search_of_every_page_goes_to_the_offline_search(site, html_files):
    search_page = (site / "suche" / "index.html").resolve()
    for path, parsed in html_files.items():
        header = next(form for form in parsed.forms if form.get("class") == "header-search")
        assert (path.parent / header["action"]).resolve() == search_page, path


def test_each_perspective_filter_is_its_own_page(site, html_files):
    overview = html_files[site / "index.html"]
    assert "perspektive-verwaltung.html#perspektiven" in overview.urls
    filtered = (site / "perspektive-verwaltung.html").read_text(encoding="utf-8")
    assert "Verwaltung und Politik" in filtered
    assert 'aria-current="true">Verwaltung und Politik' in filtered


def test_card_pages_name_koopwohl(site):
    for number in get_deck().cards:
        text = (site / "karten" / str(number) / "index.html").read_text(encoding="utf-8")
        assert "KoopWohl" in text
        assert 'href="https://www.koopwohl.de/"' in text


def test_the_open_data_file_is_the_deck_as_json(site):
    data = json.loads((site / "faecher.json").read_text(encoding="utf-8"))
    assert len(data["cards"]) == len(get_deck().cards)


def test_the_print_link_leads_to_the_pdf_or_is_left_out(site):
    overview = (site / "index.html").read_text(encoding="utf-8")
    if (site / "faecher.pdf").is_file():
        assert 'href="faecher.pdf"' in overview
    else:
        assert "faecher.pdf" not in overview


def test_the_search_index_is_a_script_and_a_json_file_with_folded_words(site):
    script = (site / "suchindex.js").read_text(encoding="utf-8")
    prefix = "window.FAECHER_INDEX = "
    assert script.startswith(prefix)
    index = json.loads(script[len(prefix) :].rstrip().rstrip(";"))
    assert json.loads((site / "suchindex.json").read_text(encoding="utf-8")) == index
    cards = {card["number"]: card for card in index["cards"]}
    assert set(cards) == set(get_deck().cards)
    assert cards[6]["url"] == "karten/6/index.html"
    assert cards[6]["title"] == "Partizipation, Kooperation, Ko-Produktion"
    assert "koproduktion" in cards[6]["words"]
    every_word = {word for card in index["cards"] for word in card["words"]}
    assert every_word
    assert all(re.fullmatch(r"[a-z0-9]+", word) for word in every_word)
    assert "offentlichen" in every_word
    assert "die" in index["stopwords"]
    assert not every_word & set(index["stopwords"])


def test_search_words_fold_case_umlauts_sharp_s_hyphens_and_gender_forms():
    assert search_words("Ko-Produktion der Öffentlichkeit, Straße – Partner:innen") == [
        "koproduktion",
        "der",
        "offentlichkeit",
        "strasse",
        "partnerinnen",
    ]


def test_the_search_page_says_it_is_a_simplified_offline_search(site, html_files):
    page = site / "suche" / "index.html"
    assert "vereinfachte Offline-Suche" in page.read_text(encoding="utf-8")
    sources = [script["src"] for script in html_files[page].scripts]
    assert sources == ["../suchindex.js", "../static/guide/static-search.js"]


def test_no_page_has_inline_script_and_only_the_search_page_loads_scripts(site, html_files):
    for path, parsed in html_files.items():
        for script in parsed.scripts:
            assert script["src"], path
            assert not script["text"].strip(), path
        if path != site / "suche" / "index.html":
            assert not parsed.scripts, path
