"""Impressum and Datenschutzerklärung, filled from the operator's settings."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(settings):
    settings.OPERATOR = {
        **settings.OPERATOR,
        "name": "Stadt Musterstadt, Amt für Umwelt",
        "address": "Rathausplatz 1, 12345 Musterstadt",
        "email": "werkstatt@musterstadt.de",
        "phone": "0123 456789",
        "representative": "Oberbürgermeisterin Erika Muster",
        "privacy_officer": "Datenschutz Musterstadt, datenschutz@musterstadt.de",
        "supervisory_authority": "Landesbeauftragte für Datenschutz Musterland",
        "supervisory_authority_url": "https://datenschutz.musterland.de/",
        "hosting_provider": "Kommunales Rechenzentrum Musterland",
        "backup_retention_days": 21,
        "server_log_retention_days": 5,
    }
    return settings.OPERATOR


def test_the_imprint_names_the_operator_and_how_to_reach_them(client, operator):
    page = client.get("/impressum/", secure=True).content.decode()
    for value in ("Stadt Musterstadt, Amt für Umwelt", "Rathausplatz 1", "0123 456789"):
        assert value in page
    assert "Vertreten durch: Oberbürgermeisterin Erika Muster" in page
    assert 'href="mailto:werkstatt@musterstadt.de"' in page


def test_the_privacy_statement_says_what_why_how_long_rights_and_contact(client, operator):
    page = client.get("/datenschutz/", secure=True).content.decode()
    # who and how to reach them
    assert "Stadt Musterstadt, Amt für Umwelt" in page
    assert "datenschutz@musterstadt.de" in page
    # what is stored, and why
    for stored in ("E-Mail-Adresse", "Passwort", "Verlauf", "IP-Adresse", "Art. 6 Abs. 1 lit. b"):
        assert stored in page
    # how long, with this installation's periods
    assert "nach spätestens 14 Tagen" in page
    assert "Sicherungskopien der Datenbank: 21 Tage" in page
    assert "Protokolle des Webservers: 5 Tage" in page
    assert "Kommunales Rechenzentrum Musterland" in page
    # the person's rights and where to complain
    for article in ("Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 20", "Art. 21", "Art. 77"):
        assert article in page
    assert 'href="https://datenschutz.musterland.de/"' in page
    assert "Gespeicherte Daten ansehen und herunterladen" in page


@pytest.mark.parametrize("url", ["/", "/faecher/karten/6/", "/konto/login/", "/impressum/"])
def test_every_page_links_both_in_the_footer(client, url):
    footer = client.get(url, secure=True).content.decode().split("<footer")[1]
    assert 'href="/impressum/"' in footer and 'href="/datenschutz/"' in footer


def test_the_signup_form_points_to_the_privacy_statement(client):
    page = client.get("/konto/signup/", secure=True).content.decode()
    form = page.split("<form")[-1]
    assert 'href="/datenschutz/"' in form and 'href="/impressum/"' in form
    assert "Registrieren" in page
