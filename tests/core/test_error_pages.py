"""German error pages in the site's layout, with DEBUG off as in production."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def assert_in_layout(text: str) -> None:
    assert '<html lang="de">' in text and '<main id="inhalt"' in text and "<footer" in text
    assert "Impressum" in text and "Datenschutz" in text


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def test_404_says_the_page_may_be_for_members_only_and_offers_the_login(client):
    response = client.get("/faecher/karten/999/", secure=True)
    assert response.status_code == 404
    text = page(response)
    assert_in_layout(text)
    assert "Diese Seite gibt es nicht – oder sie ist nur für Mitglieder sichtbar" in text
    assert "meldet euch an" in text
    assert 'href="/konto/login/?next=/faecher/karten/999/"' in text
    assert "Not Found" not in text


def test_404_of_a_foreign_coproduction_tells_members_whom_to_ask(client):
    owner, stranger = factories.make_user(), factories.make_user()
    coproduction = factories.make_coproduction(owner)
    client.force_login(stranger)
    response = client.get(f"/werkstatt/{coproduction.slug}/", secure=True)
    assert response.status_code == 404
    text = page(response)
    assert "bittet die Koordination" in text
    assert coproduction.name not in text, "a 404 must not reveal what exists"
    assert "/konto/login/" not in text.split("<main")[1]


def test_403_explains_that_the_coordination_may_do_this(client):
    coordinator, member = factories.make_user(), factories.make_user()
    coproduction = factories.make_coproduction(coordinator)
    factories.add_member(coproduction, member)
    client.force_login(member)
    response = client.get(reverse("workspaces:settings", args=[coproduction.slug]), secure=True)
    assert response.status_code == 403
    text = page(response)
    assert_in_layout(text)
    assert "Koordination" in text and "Forbidden" not in text


def test_a_stale_form_gets_a_german_403_that_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@example.org"}, secure=True)
    assert response.status_code == 403
    text = page(response)
    assert_in_layout(text)
    assert "ladet die Seite neu" in text and "CSRF" not in text


def test_400_for_a_bad_host_is_german(client):
    response = client.get("/", HTTP_HOST="angreifer.example", secure=True)
    assert response.status_code == 400
    text = page(response)
    assert_in_layout(text)
    assert "Diese Anfrage konnten wir nicht verstehen" in text


def test_500_renders_without_the_database_and_promises_nothing_half_saved(settings):
    # A real failure: the shared cache table (allauth's login limits) is gone.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gemeinwerk_no_such_table",
        }
    }
    client = Client(raise_request_exception=False)
    with transaction.atomic():
        response = client.post(
            "/konto/login/", {"login": "a@example.org", "password": "x"}, secure=True
        )
        transaction.set_rollback(True)
    assert response.status_code == 500
    text = page(response)
    assert_in_layout(text)
    assert "Da ist bei uns etwas schiefgegangen" in text
    assert "nie zur Hälfte" in text
    assert connection.vendor in {"sqlite", "postgresql"}
