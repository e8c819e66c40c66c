"""Texts on every Werkstatt page read right (issue 9 §6): German plurals ("1 Mitglied", not
"1 Mitglieder"), no Rücksprachefrist of "0 Tage", one date format (dd.mm.yyyy), no empty
headings — checked on every page the demo users reach."""

import re
from html.parser import HTMLParser

import pytest

from demo.build import SLUG, USERS, create_demo
from tests.factories import make_coproduction, make_user
from tests.test_crawl_visibility import crawl
from workspaces.models import Membership

# A number 1 before a plural noun; "0 Tage" for a Rücksprachefrist nobody gave.
WRONG_PLURALS = re.compile(
    r"(?<![\d.,])1 (Mitglieder|Stimmen|Partner:innen|Tage|Personen|Einträge|Antworten"
    r"|Minuten|Ziele|Meilensteine|Entscheidungen|Treffen haben)\b"
)
NO_CONSULTATION = re.compile(r"Rücksprache(frist)?:? 0 Tage")
# Dates are shown as 29.11.2026; ISO dates and English month names are for machines only.
OTHER_DATES = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"
)


class Texts(HTMLParser):
    """The visible text of a page and its headings with what follows them."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.headings: list[str] = []
        self.hidden = 0
        self.heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title", "head"):
            self.hidden += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title", "head"):
            self.hidden -= 1
        if re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None

    def handle_data(self, data):
        if self.hidden:
            return
        self.text.append(data)
        if self.heading is not None:
            self.heading.append(data)


def empty_sections(html: str) -> list[str]:
    """Headings directly followed by the end of their section or by a heading of the same or
    a higher level: a heading over nothing."""
    found = []
    for match in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>\s*(</section>|<h([1-6]))", html, re.S):
        level, closing, next_level = int(match[1]), match[3], match[4]
        if closing == "</section>" or (next_level and int(next_level) <= level):
            found.append(re.sub(r"<[^>]+>", "", match[2]).strip())
    return found


def test_the_checks_find_what_they_look_for():
    assert empty_sections("<section><h2>Stimmen</h2>\n</section>") == ["Stimmen"]
    assert empty_sections("<h2>Ziele</h2><h2>Meilensteine</h2><p>…</p>") == ["Ziele"]
    assert empty_sections("<h2>Ziele</h2><h3>Entwurf</h3><p>…</p>") == []
    assert WRONG_PLURALS.search("Partner:innen: 1 Mitglieder")
    assert not WRONG_PLURALS.search("11 Mitglieder, 21 Tage")
    assert NO_CONSULTATION.search("Rücksprache 0 Tage")
    assert OTHER_DATES.search("bis 2026-09-01")


@pytest.mark.django_db
@pytest.mark.parametrize("email", list(USERS))
def test_every_page_reads_right(client, email):
    create_demo("texte-passwort-123")
    membership = Membership.objects.get(user__email=email, coproduction__slug=SLUG)
    client.force_login(membership.user)
    pages = crawl(client, f"/werkstatt/{SLUG}/")
    assert len([p for p in pages.values() if p]) > 15
    assert not problems_in(pages), "\n".join(problems_in(pages))


@pytest.mark.django_db
def test_every_page_of_a_new_coproduction_reads_right(client):
    """The empty state a new account meets: one partner, one member, nothing else yet."""
    user = make_user("neu@example.org", display_name="Nele Neu")
    coproduction = make_coproduction(user, name="Neue Ko-Produktion")
    client.force_login(user)
    pages = crawl(client, f"/werkstatt/{coproduction.slug}/")
    assert len([p for p in pages.values() if p]) > 10
    assert not problems_in(pages), "\n".join(problems_in(pages))


def problems_in(pages: dict[str, str]) -> list[str]:
    problems = []
    for url, html in pages.items():
        if not html:
            continue
        parser = Texts()
        parser.feed(html)
        text = " ".join(" ".join(parser.text).split())
        for pattern in (WRONG_PLURALS, NO_CONSULTATION, OTHER_DATES):
            problems += [f"{url}: „{m[0]}“" for m in pattern.finditer(text)]
        problems += [f"{url}: empty heading" for h in parser.headings if not h]
        problems += [f"{url}: nothing under „{h}“" for h in empty_sections(html)]
    return problems
