"""The Werkstatt navigation is rendered once per process for each slug, section and
coordinator flag ``manages`` (``rendered_once`` in workspaces/base.html): its template may read
nothing else, or one member would see another's navigation."""

import re
from pathlib import Path

import workspaces

NAV = Path(workspaces.__file__).parent / "templates" / "workspaces" / "_nav_items.html"
KEY = {"coproduction.slug", "section", "manages"}
SYNTAX = {"url", "if", "elif", "else", "endif", "and", "or", "not"}


def test_nav_items_read_only_the_cache_key():
    text = NAV.read_text()
    assert "{#" not in text and "{% comment" not in text
    for tag in re.findall(r"{%(.*?)%}|{{(.*?)}}", text):
        unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", " ".join(tag))
        words = set(re.findall(r"[^\s=!<>]+", unquoted))
        assert words <= KEY | SYNTAX, words - KEY - SYNTAX
