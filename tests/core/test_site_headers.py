"""Headers decided once for the whole site, and the load balancer's health endpoint."""

import pytest
from django.db import connection

from meetings.services import calendar_token_renew
from tests import factories

NO_STORE = {"private", "no-store"}


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.fixture
def member(db, client):
    user = factories.make_user()
    coproduction = factories.make_coproduction(user)
    client.force_login(user)
    return user, coproduction


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/faecher/", "/faecher/faecher.json", "/werkstatt/", "/gibt-es-nicht/", "/healthz"]
)
def test_every_response_carries_the_permissions_policy(client, url):
    response = client.get(url, secure=True)
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_static_files_carry_the_permissions_policy_too(client):
    response = client.get("/static/core/gemeinwerk.css", secure=True)
    assert response.status_code == 200
    assert "camera=()" in response["Permissions-Policy"]


def test_werkstatt_pages_and_every_export_are_not_stored(client, member):
    user, coproduction = member
    slug = coproduction.slug
    token = calendar_token_renew(membership=coproduction.memberships.get(user=user)).token
    urls = [
        f"/werkstatt/{slug}/",
        f"/werkstatt/{slug}/ziele/",
        f"/werkstatt/{slug}/entscheidungen/beschlussbuch.csv",
        f"/werkstatt/{slug}/entscheidungen/beschlussbuch.docx",
        "/konto/daten.json",
    ]
    for url in urls:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert NO_STORE <= cache_directives(response), url
    # The calendar feeds are fetched by calendar programs without a login.
    client.logout()
    for url in [
        f"/werkstatt/{slug}/kalender/{token}.ics",
        f"/werkstatt/{slug}/kalender/{token}/alle.ics",
    ]:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/calendar")
        assert NO_STORE <= cache_directives(response), url


def test_a_signed_in_persons_pages_elsewhere_are_not_stored_either(client, member):
    response = client.get("/faecher/", secure=True)
    assert NO_STORE <= cache_directives(response)


@pytest.mark.django_db
def test_public_guide_pages_stay_cacheable_for_anonymous_readers(client):
    response = client.get("/faecher/", secure=True)
    assert "no-store" not in cache_directives(response)


@pytest.mark.django_db
def test_health_answers_ok_over_plain_http_for_any_host(client):
    # The balancer probes the internal address over HTTP: no HTTPS redirect, no host check.
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_reports_503_when_the_shared_cache_table_is_missing(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gemeinwerk_no_such_table",
        }
    }
    if connection.vendor == "postgresql":
        # The failed query aborts the test's transaction; keep it in a savepoint.
        from django.db import transaction

        with transaction.atomic():
            response = client.get("/healthz")
            transaction.set_rollback(True)
    else:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


@pytest.mark.django_db
def test_the_health_path_is_exact(client):
    assert client.get("/healthz/extra", HTTP_HOST="10.0.0.7").status_code == 400
