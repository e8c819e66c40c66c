"""The overview, the Kompass-Check page and its JSON, and the rules in the Fächer."""

import json
import re

import pytest
from django.urls import reverse

from accounts.models import User
from demo.build import SLUG, create_demo
from guide.deck import get_deck
from kompass import registry
from tests.factories import PASSWORD, make_coproduction, make_user
from workspaces.visibility import Side


@pytest.fixture
def demo(db):
    return create_demo(PASSWORD)


def login(client, email):
    client.force_login(User.objects.get(email=email))


def test_overview_answers_what_waits_and_what_is_open(client, demo):
    login(client, "initiative@demo.example")
    page = client.get(f"/werkstatt/{SLUG}/", secure=True).content.decode()
    assert "Was wartet auf euch?" in page
    assert "Was ist noch offen?" in page
    assert "Punkten geklärt" in page
    assert "Jetzt lesen" in page


def test_kompass_page_and_json_list_findings_and_settled_points(client, demo):
    login(client, "verwaltung@demo.example")
    page = client.get(f"/werkstatt/{SLUG}/kompass/", secure=True)
    assert page.status_code == 200
    data = json.loads(client.get(f"/werkstatt/{SLUG}/kompass.json", secure=True).content)
    assert set(data) == {"findings", "settled", "set_aside"}
    # A realistic mix: open points, settled ones and one the partners leave open on purpose.
    assert data["findings"] and data["settled"]
    assert [f["rule"] for f in data["set_aside"]] == ["conflicts.agreement"]
    finding = data["findings"][0]
    assert {"rule", "title", "cards", "severity", "url"} <= set(finding)
    known = {r.id for r in registry.all_rules()}
    assert {f["rule"] for f in data["findings"]} <= known


def test_rules_in_the_faecher_are_generated_from_the_rules(client, db):
    page = client.get("/faecher/kompass/", secure=True).content.decode()
    data = json.loads(client.get("/faecher/kompass.json", secure=True).content)
    rules = registry.all_rules()
    assert len(data["rules"]) == len(rules)
    assert data["rules"][0].keys() == {"id", "title", "cards", "severity"}
    for rule in rules:
        assert rule.title in page


def test_a_card_page_says_what_the_check_looks_at(client, db):
    page = client.get("/faecher/karten/42/", secure=True).content.decode()
    assert "Was der Kompass-Check hierzu prüft" in page
    assert "Jedes Gremium hat ein vereinbartes Entscheidungsverfahren" in page


def test_a_new_coproduction_shows_its_first_steps(client, db):
    coordinator = make_user()
    coproduction = make_coproduction(coordinator, side=Side.CIVIL_SOCIETY)
    client.force_login(coordinator)
    page = client.get(f"/werkstatt/{coproduction.slug}/", secure=True).content.decode()
    assert "Erste Schritte" in page
    assert "Beide Seiten sind dabei" in page


def test_open_points_are_grouped_by_the_guides_chapters(client, demo):
    login(client, "initiative@demo.example")
    deck = get_deck()
    for path in ("", "kompass/"):
        page = client.get(f"/werkstatt/{SLUG}/{path}", secure=True).content.decode()
        headings = re.findall(r"<h3>([^<]+)</h3>", page.split('id="offen"')[1])
        chapters = [c.title for c in deck.chapters]
        shown = [h for h in headings if h in chapters]
        assert len(shown) >= 2, headings
        assert shown == sorted(shown, key=chapters.index)  # in the guide's order


def test_the_start_page_presents_the_werkstatt_and_the_check_and_lets_visitors_in(client, db):
    page = client.get("/", secure=True).content.decode()
    for text in ("Die Werkstatt", "Der Kompass-Check", "Was der Kompass-Check prüft"):
        assert text in page
    assert "In Vorbereitung" not in page
    for name in ("kompass_rules", "account_signup", "account_login"):
        assert f'href="{reverse(name)}"' in page
