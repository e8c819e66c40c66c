import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import add_member, make_coproduction, make_user
from workspaces.models import Membership
from workspaces.visibility import Side


@pytest.fixture
def coordinator(db):
    return make_user("koordination@amt.example")


@pytest.fixture
def coproduction(coordinator):
    return make_coproduction(coordinator, name="Ernährungsstrategie Musterstadt")


@pytest.fixture
def admin_member(coproduction):
    return add_member(coproduction, make_user("amt@example.org"), side=Side.ADMINISTRATION)


@pytest.fixture
def civil_member(coproduction):
    return add_member(coproduction, make_user("ini@example.org"), side=Side.CIVIL_SOCIETY)


@pytest.fixture
def civil_observer(coproduction):
    return add_member(
        coproduction,
        make_user("beobachtung@example.org"),
        side=Side.CIVIL_SOCIETY,
        access=Membership.Access.OBSERVER,
    )


@pytest.fixture
def moderator(coproduction):
    return add_member(coproduction, make_user("moderation@example.org"), side=Side.EXTERNAL)


@pytest.fixture
def outsider(db):
    user = make_user("fremd@example.org")
    make_coproduction(user, name="Andere Ko-Produktion")
    return user


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, coproduction, *args) -> str:
    return reverse(f"goals:{name}", args=[coproduction.slug, *args])


def page_of(client, path) -> str:
    response = client.get(path, secure=True)
    assert response.status_code == 200
    return response.content.decode()


def follow(client, path, data) -> str:
    response = client.post(path, data, secure=True, follow=True)
    assert response.status_code == 200
    return response.content.decode()
