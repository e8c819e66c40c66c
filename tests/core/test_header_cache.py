"""The header's guide links and search and the footer are rendered once per process for each
key (core/templatetags/gemeinwerk.py): their templates may read nothing but the key, or one
person would see what was rendered for another."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

import core

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
    text = (TEMPLATES / name).read_text()
    assert "{#" not in text and "{% comment" not in text
    for tag in re.findall(r"{%(.*?)%}|{{(.*?)}}", text):
        unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", " ".join(tag))
        words = set(re.findall(r"[^\s=!<>]+", unquoted))
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
