"""The Werkstatt navigation is rendered once per process for each slug, section and
coordinator flag ``manages`` (``rendered_once`` in workspaces/base.html): its template may read
nothing else, or one member would see another's navigation."""

from pathlib import Path

import workspaces
from tests.template_reads import names_read

NAV = Path(workspaces.__file__).parent / "templates" / "workspaces" / "_nav_items.html"
KEY = {"coproduction.slug", "section", "manages"}
SYNTAX = {"url", "if", "elif", "else", "endif", "and", "or", "not"}


def test_nav_items_read_only_the_cache_key():
    words = names_read(NAV.read_text())
    assert words <= KEY | SYNTAX, words - KEY - SYNTAX
