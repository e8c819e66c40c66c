"""Permissions are named rules (django-rules) in each app's ``rules.py``, asked by name in views
(``require``/``allowed``) and templates (``{% has_perm %}``) — never decided inline.

docs/ARCHITECTURE.md („Permissions“) says how to add one."""

import re
from pathlib import Path

import rules
from django.conf import settings

from tests.factories import add_member, make_coproduction, make_goal, make_user, viewer_of
from workspaces.models import Membership
from workspaces.rules import allowed

ROOT = Path(settings.BASE_DIR)
SKIP_DIRS = {".venv", "tests", "node_modules", ".git", "staticfiles", "bench"}
# The Viewer's facts live in visibility.py; rules.py turns them into named permissions.
ALLOWED_FILES = {"rules.py", "visibility.py"}
INLINE = re.compile(r"viewer\.can_edit|viewer\.is_coordinator|\.may_edit\(")
VIEW = re.compile(r"^def \w+\(request\b", re.MULTILINE)


def _files(*patterns):
    for pattern in patterns:
        for path in ROOT.rglob(pattern):
            if not SKIP_DIRS & set(path.relative_to(ROOT).parts):
                yield path


def _views_and_templates():
    for path in _files("*.py", "*.html"):
        if path.suffix == ".html" and "templates" in path.parts:
            yield path
        elif path.name in ("views.py", "pages.py") or path.name.endswith("_views.py"):
            yield path
        elif path.suffix == ".py" and VIEW.search(path.read_text()):
            yield path  # views in a module of another name (kompass/onboarding.py)


def test_no_view_or_template_decides_a_permission_inline():
    found = []
    for path in _views_and_templates():
        if path.name in ALLOWED_FILES:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if INLINE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not found, "ask a named rule (workspaces/rules.py) instead:\n" + "\n".join(found)


def test_the_guard_would_see_an_inline_check():
    assert INLINE.search("{% if viewer.can_edit %}")
    assert INLINE.search("if not viewer.is_coordinator:")
    assert INLINE.search("may_edit = viewer.may_edit(item)")
    assert not INLINE.search('{% has_perm "goals.add" user viewer as may_add %}')


def _our_perms() -> list[str]:
    apps = {path.parent.name for path in _files("rules.py")}
    return sorted(name for name in rules.permissions.permissions if name.split(".")[0] in apps)


def test_every_app_that_decides_a_permission_names_it_in_its_rules_py():
    perms = _our_perms()
    assert "workspaces.edit_item" in perms and "decisions.vote" in perms
    for name in perms:
        app = name.split(".")[0]
        text = (ROOT / app / "rules.py").read_text()
        assert f'"{name}"' in text, f"{name} is registered outside {app}/rules.py"


def test_every_registered_permission_is_asked_somewhere():
    """A permission nobody asks is dead, or a check went back inline."""
    code = "\n".join(
        path.read_text() for path in _files("*.py", "*.html") if path.name != "rules.py"
    )
    unused = [name for name in _our_perms() if f'"{name}"' not in code]
    assert not unused, f"registered but never asked: {unused}"


def test_a_superuser_has_no_permission_the_rules_do_not_give(db):
    """An observer stays an observer, also with Django's superuser flag."""
    coproduction = make_coproduction(make_user())
    admin = make_user(is_superuser=True, is_staff=True)
    add_member(coproduction, admin, access=Membership.Access.OBSERVER)
    viewer = viewer_of(admin, coproduction)
    goal = make_goal(coproduction)  # joint: every editor changes it
    assert not allowed(admin, "workspaces.edit", viewer)
    assert not allowed(admin, "workspaces.edit_item", viewer, goal)
    assert not allowed(admin, "reflection.close_round", viewer)
