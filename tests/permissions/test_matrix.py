"""Who may open which page: every URL pattern of the project × five kinds of visitor.

Roles (DESIGN.md): anonymous, a member of another co-production ("outsider"), a member of the
other side, a member of the same side (as the items' owners), and a coordinator of the same
side. Objects of a co-production one does not belong to answer 404, never 403.
The cases come from the ``cases_*.py`` modules beside this file; a meta-test fails when a URL
pattern of the project is in none of them.
"""

import copy
import importlib
import pkgutil
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .cases import LOGIN, ROLES

MODULES = [
    importlib.import_module(f"{__package__}.{name}")
    for name in sorted(
        (info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)])),
        key=lambda name: (name != "cases_base", name),
    )
    if name.startswith("cases_")
]


class World:
    pass


def _build_world() -> World:
    w = World()
    for module in MODULES:  # cases_base first: the others build on its co-production
        if hasattr(module, "populate"):
            module.populate(w)
    return w


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """The world, built once per test module (building it per case was half the suite's
    time) inside a transaction that is rolled back when the module is done. Each test runs in
    a savepoint within it (pytest-django's ``db``), so nothing one case changes — a deletion,
    a vote — reaches the next."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            built = _build_world()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(built_world, db):
    # Each test gets its own copy of the objects: one that refreshes or changes an object in
    # memory leaves the others' as built.
    return copy.deepcopy(built_world)


EXEMPT_MODULES = ("allauth.",)
TOKEN_LINK = "allauth token link, tests/accounts"
EXEMPT_PATTERNS = {
    "^confirm-email/(?P<key>[-:\\w]+)/$": TOKEN_LINK,
    "^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": TOKEN_LINK,
}


def _cases():
    for module in MODULES:
        for name, case in module.CASES.items():
            for role in ROLES:
                yield pytest.param(name, case, role, id=f"{name}-{role}")
        for name, case in getattr(module, "MORE_CASES", {}).items():
            for role in ROLES:
                yield pytest.param(name, case, role, id=f"{name}-more-{role}")


@pytest.mark.parametrize(("name", "case", "role"), list(_cases()))
def test_every_view_answers_each_role_as_intended(client, world, name, case, role):
    url = reverse(name, args=case.args(world) if case.args else None)
    if world.users[role]:
        client.force_login(world.users[role])
    data = case.data(world) if case.data else None
    response = getattr(client, case.method)(url, data, secure=True)
    expected = case.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302 and "/konto/login/" in response["Location"], (
            name,
            role,
            response.status_code,
        )
    else:
        assert response.status_code == expected, (name, role, response.status_code)
    if case.check:
        case.check(world)


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern):
            yield prefix, entry


def test_every_url_pattern_is_in_the_matrix():
    covered = {name for module in MODULES for name in module.CASES}
    missing = []
    for prefix, pattern in _patterns(get_resolver()):
        module = getattr(pattern.callback, "__module__", "")
        if module.startswith(EXEMPT_MODULES):
            continue
        if pattern.name is None:
            if str(pattern.pattern) not in EXEMPT_PATTERNS:
                missing.append(str(pattern.pattern))
        elif f"{prefix}{pattern.name}" not in covered:
            missing.append(f"{prefix}{pattern.name}")
    assert not missing, f"add these views to the permission matrix: {missing}"
