"""People and co-productions for the account tests."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from tests import factories
from workspaces.services import invitation_accept, invitation_create

PASSWORD = "Fenchel-und-Feldsalat-42"


@pytest.fixture
def make_user(db):
    """A person with a verified address, as after signing up and confirming."""

    def make(email: str, display_name: str = "") -> User:
        user = User.objects.create_user(email=email, password=PASSWORD, display_name=display_name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def ada(make_user):
    return make_user("ada@example.org", "Ada Lovelace")


@pytest.fixture
def make_coproduction():
    def make(founder: User, name: str = "Ernährungsrat Musterstadt"):
        return factories.make_coproduction(
            founder, name=name, side="civil_society", partner_name="Initiative Essbare Stadt"
        )

    return make


@pytest.fixture
def get(client):
    def fetch(url, **extra):
        return client.get(url, secure=True, **extra)

    return fetch


@pytest.fixture
def post(client):
    def send(url, data=None, **extra):
        return client.post(url, data or {}, secure=True, **extra)

    return send


@pytest.fixture
def add_member():
    """Invite a person into a co-production and let them accept, as the Werkstatt does."""

    def add(coproduction, user: User, access: str = "member"):
        founder = coproduction.memberships.get(access="coordination").user
        invitation = invitation_create(
            actor=founder,
            coproduction=coproduction,
            partner=coproduction.partners.first(),
            email=user.email,
            access=access,
        )
        return invitation_accept(user=user, token=invitation.token)

    return add


@pytest.fixture
def reauthenticate(post):
    """Answer allauth's "Bitte bestätigt, dass ihr es seid" with the password."""

    def confirm() -> None:
        response = post("/konto/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302, response.content.decode()

    return confirm
