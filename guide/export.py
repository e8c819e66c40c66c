"""Der Fächer as a self-contained static site (``manage.py export_faecher DIR``).

For intranets without Python: every page is rendered by the app itself, then every link that
points into the app is rewritten to a relative path to a file of the export, so the copy works
from any web server and straight from the file system (file://). That is why links name
``…/index.html`` files and never directories, and why the search index is a script that sets a
global rather than a JSON file a page would fetch (Chromium refuses fetch() on file://).

The server-side search cannot come along; the export has a simplified offline search instead
(``guide/static/guide/static-search.js``), fed by the index written here.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.urls import resolve, reverse

from guide import hooks
from guide.deck import Deck, get_deck
from guide.search import STOPWORDS
from guide.views import PERSPECTIVE_SLUGS

HOST = "localhost"
SEARCH_FILE = "suche/index.html"
INDEX_SCRIPT_FILE = "suchindex.js"
INDEX_JSON_FILE = "suchindex.json"
SEARCH_SCRIPT = "guide/static-search.js"
STATIC_DIR = "static"
# Attributes that carry a URL in our templates (``href`` also inside the SVG network).
URL_ATTRIBUTE = re.compile(r'(\s)(href|src|action)="([^"]*)"')
APP_URL = re.compile(r'(?:href|src|action)="/')
# The personal header (Anmelden, Konto): a static site has no accounts.
PERSONAL = re.compile(r"<!--personal-->.*?<!--/personal-->", re.DOTALL)

# Offline search normalisation; static-search.js does exactly the same to the query.
GENDER = re.compile(r"[:*_](?=in(?:nen)?\b)")
HYPHENS = re.compile("[-\u00ad\u2010\u2011]")
COMBINING = re.compile("[\u0300-\u036f]")
SEARCH_WORD = re.compile(r"[a-z0-9]+")


class ExportError(Exception):
    """The site cannot be exported completely, e.g. a page links to one the export lacks."""


@dataclass
class Page:
    """One file of the export and the app URL it is rendered from."""

    url: str
    path: str
    optional: bool = False  # skipped, and links to it dropped, while the app answers 404
    keeps_query: bool = False  # links with any query string land here (the search page)
    body: bytes = b""


@dataclass
class Export:
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def export_site(target: Path) -> Export:
    """Write the whole guide as static files below ``target``; return what was written."""
    deck = get_deck()
    overview = reverse("guide:overview")
    pages = _pages(deck, overview)
    generated = {
        overview + INDEX_SCRIPT_FILE: INDEX_SCRIPT_FILE,
        overview + INDEX_JSON_FILE: INDEX_JSON_FILE,
    }
    # A plain storage gives unhashed /static/ URLs whose files the finders can locate, even
    # where production uses the manifest storage and collectstatic never ran.
    plain_storage = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ALLOWED_HOSTS=[HOST], STORAGES=plain_storage):
        client = Client(SERVER_NAME=HOST)
        for page in pages:
            if page.path == SEARCH_FILE:
                page.body = _render_search_page(page, overview).encode()
                continue
            response = client.get(page.url, secure=True)
            if response.status_code == 404 and page.optional:
                continue
            if response.status_code != 200:
                raise ExportError(f"{page.url} answered {response.status_code}.")
            page.body = response.content

    exported = [page for page in pages if page.body]
    links = _Links(
        files={page.url: page.path for page in exported} | generated,
        search_paths={urlsplit(page.url).path: page.path for page in pages if page.keeps_query},
        missing={page.url for page in pages if not page.body},
        aliases={"/": "index.html"},  # the app's start page: in the export, the Fächer
    )
    result = Export(skipped=[page.path for page in pages if not page.body])
    for page in exported:
        body = page.body
        if page.path.endswith(".html"):
            body = links.rewrite(PERSONAL.sub("", body.decode()), page).encode()
        result.files.append(_write(target, page.path, body))

    index = search_index(deck, {page.url: page.path for page in exported})
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    result.files.append(_write(target, INDEX_JSON_FILE, data.encode()))
    script = f"window.FAECHER_INDEX = {data};\n"
    result.files.append(_write(target, INDEX_SCRIPT_FILE, script.encode()))

    for name in sorted(links.static_names):
        source = finders.find(name)
        if source is None:
            raise ExportError(f"Static file {name} not found.")
        destination = target / STATIC_DIR / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        result.files.append(destination)
    return result


def _pages(deck: Deck, overview: str) -> list[Page]:
    def page(url: str, **kwargs) -> Page:
        return Page(url, _file_for(url, overview), **kwargs)

    return [
        page(overview),
        *(
            Page(f"{overview}?perspektive={slug}", f"perspektive-{slug}.html")
            for slug in PERSPECTIVE_SLUGS
        ),
        *(page(chapter.get_absolute_url()) for chapter in deck.chapters),
        *(page(card.get_absolute_url()) for card in deck.reading_order),
        page(reverse("guide:glossary")),
        page(reverse("guide:network")),
        page(reverse("guide:sources")),
        page(reverse("guide:search"), keeps_query=True),
        page(reverse("core:accessibility")),
        page(reverse("core:easy_language")),
        page(reverse("core:imprint")),
        page(reverse("core:privacy")),
        page(reverse("guide:json")),
        page(reverse("guide:pdf"), optional=True),
        *(page(url) for url in hooks.extra_pages()),
    ]


def _file_for(url: str, overview: str) -> str:
    """/faecher/karten/6/ -> karten/6/index.html; /barrierefreiheit/ -> barrierefreiheit/…"""
    path = url[len(overview) :] if url.startswith(overview) else url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def _render_search_page(page: Page, overview: str) -> str:
    request = RequestFactory(SERVER_NAME=HOST).get(page.url, secure=True)
    request.resolver_match = resolve(page.url)
    root = posixpath.relpath(".", posixpath.dirname(page.path)) + "/"
    return render_to_string(
        "guide/export_search.html",
        {"deck": get_deck(), "index_script": overview + INDEX_SCRIPT_FILE, "root": root},
        request=request,
    )


@dataclass
class _Links:
    """Turns the app's absolute links into links between the files of the export."""

    files: dict[str, str]
    search_paths: dict[str, str]
    missing: set[str]
    aliases: dict[str, str]
    static_names: set[str] = field(default_factory=set)

    def rewrite(self, text: str, page: Page) -> str:
        def replace(match: re.Match) -> str:
            space, attribute, raw = match.groups()
            value = self.relative(html.unescape(raw), page)
            if value is None:
                return ""  # a link to a page the export lacks: the text stays, the link goes
            return f'{space}{attribute}="{html.escape(value)}"'

        text = URL_ATTRIBUTE.sub(replace, text)
        if APP_URL.search(text):
            raise ExportError(f"{page.url} still has a link into the app after rewriting.")
        return text

    def relative(self, value: str, page: Page) -> str | None:
        if value.startswith(settings.STATIC_URL):
            name = urlsplit(value).path[len(settings.STATIC_URL) :]
            self.static_names.add(name)
            return _relative(f"{STATIC_DIR}/{name}", page.path)
        parts = urlsplit(value)
        if not value or value.startswith("#") or parts.scheme or parts.netloc:
            return value  # same-page anchors and other sites stay as they are
        target = urlsplit(urljoin(page.url, value))
        url = target.path + (f"?{target.query}" if target.query else "")
        fragment = f"#{target.fragment}" if target.fragment else ""
        if url in self.files or target.path in self.aliases:
            path = self.files.get(url) or self.aliases[target.path]
            return _relative(path, page.path) + fragment
        if target.path in self.search_paths:
            query = f"?{target.query}" if target.query else ""
            return _relative(self.search_paths[target.path], page.path) + query + fragment
        if url in self.missing:
            return None
        raise ExportError(f"{page.url} links to {value}, which the export does not contain.")


def _relative(path: str, from_path: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(from_path) or ".")


def _write(target: Path, path: str, body: bytes) -> Path:
    destination = target / path
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(body)
    return destination


def search_words(text: str) -> list[str]:
    """Words as the offline search compares them: lower case, umlauts and ß folded,
    gender forms and hyphens joined ("Ko-Produktion" -> "koproduktion")."""
    text = text.lower().replace("ß", "ss")
    text = COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = HYPHENS.sub("", GENDER.sub("", text))
    return SEARCH_WORD.findall(text)


def search_index(deck: Deck, files: dict[str, str]) -> dict:
    """Per card: number, title, file (relative to the export's root) and its distinct words."""
    stopwords = {word for stopword in STOPWORDS for word in search_words(stopword)}
    cards = []
    for card in deck.reading_order:
        words = search_words(f"{card.title}\n{card.plain_text}")
        cards.append(
            {
                "number": card.number,
                "title": card.title,
                "url": files[card.get_absolute_url()],
                "words": [w for w in dict.fromkeys(words) if w not in stopwords],
            }
        )
    return {"title": deck.title, "stopwords": sorted(stopwords), "cards": cards}
