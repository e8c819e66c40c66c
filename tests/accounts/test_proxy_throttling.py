"""Login throttling behind a load balancer: per client address (from the trusted proxy's
X-Forwarded-For entry) and per account — never per balancer."""

import pytest

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.2"  # every request reaches the app from here


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def login(client, email, password, address, forwarded_by_client=""):
    # nginx's $proxy_add_x_forwarded_for: whatever the client sent, then the client's address.
    chain = f"{forwarded_by_client}, {address}" if forwarded_by_client else address
    return client.post(
        "/konto/login/",
        {"login": email, "password": password},
        secure=True,
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=chain,
    )


def signed_in(response) -> bool:
    return "_auth_user_id" in response.wsgi_request.session


def throttled(response) -> bool:
    return response.status_code == 429 or "Zu viele fehlgeschlagene" in response.content.decode()


def test_ten_failed_logins_from_one_address_block_that_address_only(client, make_user):
    bob = make_user("bob@example.org")
    for number in range(10):
        response = login(client, f"niemand{number}@example.org", "falsch-falsch", "203.0.113.9")
        assert not throttled(response)

    # The attacking address is blocked, even with a correct password …
    assert throttled(login(client, bob.email, PASSWORD, "203.0.113.9"))
    # … and cannot escape by putting another address in front: the proxy's entry counts.
    assert throttled(login(client, bob.email, PASSWORD, "203.0.113.9", "198.51.100.77"))
    # Everyone else behind the same balancer signs in.
    response = login(client, bob.email, PASSWORD, "198.51.100.4")
    assert signed_in(response), response.content.decode()


def test_the_per_account_limit_holds_across_addresses(client, make_user):
    ada = make_user("ada@example.org")
    bob = make_user("bob@example.org")
    for number in range(10):
        login(client, ada.email, "falsch-falsch", f"203.0.113.{number + 1}")

    # Spreading the guesses over many addresses does not lift the account's limit.
    response = login(client, ada.email, PASSWORD, "192.0.2.50")
    assert throttled(response) and not signed_in(response)
    # From that same fresh address another account signs in as usual.
    assert signed_in(login(client, bob.email, PASSWORD, "192.0.2.50"))


def test_successful_logins_are_limited_per_address_not_for_the_whole_site(client, make_user):
    people = [make_user(f"person{number}@example.org") for number in range(31)]
    for number, person in enumerate(people):
        response = login(client, person.email, PASSWORD, f"198.51.100.{number + 1}")
        assert signed_in(response), f"login {number + 1} of 31 behind one balancer"
        client.logout()

    # The limit of 30 logins a minute is still there for a single address.
    for _ in range(30):
        login(client, people[0].email, PASSWORD, "192.0.2.1")
        client.logout()
    assert login(client, people[0].email, PASSWORD, "192.0.2.1").status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, make_user, settings):
    # Reached directly (TRUSTED_PROXY_COUNT=0), a client could otherwise invent addresses.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    bob = make_user("bob@example.org")
    for number in range(10):
        login(client, f"niemand{number}@example.org", "falsch-falsch", f"203.0.113.{number}")
    assert throttled(login(client, bob.email, PASSWORD, "198.51.100.4"))


def test_a_short_forwarded_chain_throttles_by_the_peer(client, make_user, settings):
    # Two proxies configured, but the request carries one entry (it bypassed the first proxy,
    # or a proxy does not append): login works, and the connecting peer is what is limited.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    bob = make_user("bob@example.org")
    for number in range(10):
        address = f"203.0.113.{number}"
        response = login(client, f"niemand{number}@example.org", "falsch-falsch", address)
        assert response.status_code != 500
    assert throttled(login(client, bob.email, PASSWORD, "198.51.100.4"))
