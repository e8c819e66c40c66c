"""Site-wide pages and the security configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url", ["/", "/barrierefreiheit/", "/leichte-sprache/", "/faecher/"])
def test_pages_are_german_with_skip_link_and_landmarks(client, url):
    page = client.get(url, secure=True).content.decode()
    assert '<html lang="de">' in page
    assert 'href="#inhalt"' in page and '<main id="inhalt"' in page
    assert "<header" in page and "<footer" in page and "<nav" in page


def test_accessibility_statement_names_the_operator_and_a_feedback_contact(client, settings):
    settings.OPERATOR = {
        **settings.OPERATOR,
        "name": "Stadt Musterstadt",
        "email": "a11y@muster.de",
    }
    page = client.get("/barrierefreiheit/", secure=True).content.decode()
    assert "Stadt Musterstadt" in page
    assert 'href="mailto:a11y@muster.de"' in page
    assert "Schlichtung" in page


def test_every_page_sends_a_strict_content_security_policy(client):
    policy = client.get("/faecher/", secure=True)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_page_refers_to_another_origin_for_assets(client):
    for url in ["/", "/faecher/", "/faecher/karten/6/", "/faecher/netz/"]:
        page = client.get(url, secure=True).content.decode()
        for attribute in ('src="http', "src='http", 'href="//', "@import"):
            assert attribute not in page
        assert "<script" not in page or 'src="/static/' in page


def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("PostgreSQL run")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_a_production_configuration_passes_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gemeinwerk.settings",
        "DEBUG": "0",
        "SECRET_KEY": "a-long-production-secret-" + "x7Qm9" * 10,
        "ALLOWED_HOSTS": "gemeinwerk.example.org",
        "DATABASE_URL": "sqlite:////tmp/gemeinwerk-deploy-check.sqlite3",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set only for the in-process browser tests
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gemeinwerk.settings", "DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
