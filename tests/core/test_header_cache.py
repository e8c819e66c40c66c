"""The header's guide links and search and the footer are rendered once per process for each
key (core/templatetags/gemeinwerk.py): their templates may read nothing but the key, or one
person would see what was rendered for another."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

import core
from tests.template_reads import names_read

TEMPLATES = Path(core.__file__).parent / "templates" / "core"
SYNTAX = {"url", "if", "elif", "else", "endif", "and", "or", "not"}


@pytest.mark.parametrize(
    "name, key",
    [
        ("_header_nav.html", {"class", "in_guide"}),
        ("_header_search.html", {"class", "slug", "field_id", "query"}),
        ("_footer.html", set()),
    ],
)
def test_cached_header_parts_read_only_their_key(name, key):
    words = names_read((TEMPLATES / name).read_text())
    assert words <= key | SYNTAX, words - key - SYNTAX


class Member:
    is_member = True


class Outsider:
    is_member = False


class Coproduction:
    slug = "demo"


def header(**context) -> str:
    template = Template('{% load gemeinwerk %}{% header_search "q" "wide" %}')
    return template.render(Context(context))


def test_the_search_of_a_werkstatt_only_for_its_members():
    assert 'action="/werkstatt/demo/suche/"' in header(coproduction=Coproduction(), viewer=Member())
    assert 'action="/faecher/suche/"' in header(coproduction=Coproduction(), viewer=Outsider())
    assert 'action="/faecher/suche/"' in header()


def test_what_someone_searched_for_is_shown_to_them_and_never_kept():
    searched = header(coproduction=Coproduction(), viewer=Member(), query='"<Wohnung>')
    assert 'value="&quot;&lt;Wohnung&gt;"' in searched
    assert 'value=""' in header(coproduction=Coproduction(), viewer=Member())


def test_the_personal_header_reads_only_its_key():
    text = (TEMPLATES / "personal_nav.html").read_text()
    text = re.sub(r"{% comment %}.*?{% endcomment %}", "", text, flags=re.S)
    key = {
        "user.is_authenticated",
        "request.path",
        "slice",
        "request.resolver_match.url_name",
        "csrf_token",
    }
    words = names_read(text)
    assert words <= key | SYNTAX, words - key - SYNTAX


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.django_db
def test_each_request_gets_its_own_token_in_the_cached_personal_header():
    from django.test import Client

    from tests import factories

    user = factories.make_user()
    coproduction = factories.make_coproduction(user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    pages = [
        client.get(f"/werkstatt/{coproduction.slug}/ziele/", secure=True).content.decode()
        for _ in range(2)
    ]
    tokens = [TOKEN.findall(page)[0] for page in pages]
    assert tokens[0] != tokens[1]  # masked anew for each response, as {% csrf_token %} does
    assert 'href="/werkstatt/" aria-current="true"' in pages[0]
    assert 'href="/konto/" aria-current' not in pages[0]
    response = client.post(
        "/konto/logout/",
        {"csrfmiddlewaretoken": tokens[1]},
        secure=True,
        HTTP_REFERER="https://testserver/werkstatt/",
    )
    assert response.status_code == 302  # the token is the real one: signing out works
    login = Client().get("/konto/login/", secure=True).content.decode()
    assert "Abmelden" not in login and 'aria-current="page">Anmelden' in login
