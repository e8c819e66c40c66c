"""The account pages: the header, allauth's pages in our layout, the account page, export,
deletion — and that no GET changes anything."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from accounts.sections import all_sections
from tests.accounts.conftest import PASSWORD
from tests.accounts.helpers import CONFIRM_LINK, RESET_LINK, sent, text
from workspaces.models import Membership
from workspaces.services import invitation_create

pytestmark = pytest.mark.django_db


# The header


def test_the_header_offers_sign_in_and_sign_up_to_visitors(db, get):
    page = text(get("/"))

    assert 'href="/konto/login/">Anmelden</a>' in page
    assert 'href="/konto/signup/">Registrieren</a>' in page
    assert "Abmelden" not in page


def test_the_header_offers_werkstatt_konto_and_a_logout_button_to_members(ada, client, get):
    client.force_login(ada)

    page = text(get("/"))

    assert 'href="/werkstatt/">Werkstatt</a>' in page
    assert 'href="/konto/">Konto</a>' in page
    logout = re.search(r'<form[^>]*method="post" action="/konto/logout/">.*?</form>', page, re.S)
    assert logout and "csrfmiddlewaretoken" in logout.group(0)
    assert "Anmelden</a>" not in page


def test_a_guide_page_rendered_once_never_shows_one_persons_header_to_another(ada, client, get):
    client.force_login(ada)
    assert "Abmelden" in text(get("/faecher/karten/6/"))
    client.logout()

    page = text(get("/faecher/karten/6/"))

    assert "Abmelden" not in page
    assert 'href="/konto/login/">Anmelden</a>' in page


# allauth's pages in our layout


@pytest.mark.parametrize("url", ["/konto/login/", "/konto/signup/", "/konto/password/reset/"])
def test_allauth_pages_use_the_site_layout_with_labels_and_german_text(db, get, url):
    page = text(get(url))

    assert '<html lang="de">' in page and '<main id="inhalt"' in page
    assert "Der Fächer" in page
    for field_id in re.findall(r'<input[^>]*type="(?:email|password|text)"[^>]*id="(\w+)"', page):
        assert f'<label for="{field_id}">' in page, field_id
    assert 'class="button"' in page
    for english in ("Sign In", "Sign Up", "Password", "Email", " Sie ", " du ", " dich "):
        assert english not in page, english


def test_a_person_who_changes_an_email_address_is_asked_for_the_password_first(
    ada, client, post, reauthenticate
):
    client.force_login(ada)

    response = post("/konto/email/", {"action_add": "", "email": "ada@neu.example.org"})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")
    assert not EmailAddress.objects.filter(email="ada@neu.example.org").exists()
    reauthenticate()
    response = post("/konto/email/", {"action_add": "", "email": "ada@neu.example.org"})
    assert EmailAddress.objects.filter(email="ada@neu.example.org", verified=False).exists()


def test_setting_up_two_factor_login_asks_for_the_password_first(ada, client, get):
    client.force_login(ada)

    response = get("/konto/2fa/totp/activate/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")


def test_the_two_factor_setup_page_shows_a_qr_code_and_the_secret_to_copy(
    ada, client, get, reauthenticate
):
    client.force_login(ada)
    reauthenticate()

    page = text(get("/konto/2fa/totp/activate/"))

    assert 'class="qr-code" src="data:image/svg+xml' in page
    assert re.search(r'<input type="text" id="authenticator_secret" value="\w+" readonly', page)
    assert "Authenticator-App einrichten" in page


def test_required_two_factor_sends_a_person_without_it_to_the_setup(ada, client, get, settings):
    settings.REQUIRE_TWO_FACTOR = True
    client.force_login(ada)

    response = get("/werkstatt/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/totp/activate/"


def test_required_two_factor_lets_a_person_with_it_through(ada, client, get, settings):
    settings.REQUIRE_TWO_FACTOR = True
    Authenticator.objects.create(user=ada, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(ada)

    assert get("/werkstatt/").status_code == 200


def test_too_many_requests_get_a_german_page_in_the_site_layout(db, rf):
    from allauth.core.internal.ratelimit import respond_429

    request = rf.get("/konto/login/", secure=True)
    response = respond_429(request)

    assert response.status_code == 429
    assert "Zu viele Versuche" in text(response)
    assert '<main id="inhalt"' in text(response)


# The account page


def test_the_account_page_needs_a_login(db, get):
    response = get("/konto/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_the_account_page_links_email_password_two_factor_export_and_deletion(ada, client, get):
    client.force_login(ada)

    page = text(get("/konto/"))

    for url in (
        "/konto/email/",
        "/konto/password/change/",
        "/konto/2fa/",
        "/konto/daten/",
        "/konto/loeschen/",
    ):
        assert f'href="{url}"' in page, url
    assert 'value="Ada Lovelace"' in page


def test_the_name_can_be_changed(ada, client, post, get):
    client.force_login(ada)

    response = post("/konto/", {"display_name": "  Ada   L.  "})

    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.display_name == "Ada L."
    assert "Euer Name ist gespeichert." in text(get("/konto/"))


def test_a_bad_name_gets_a_german_message_next_to_the_field_and_is_kept(ada, client, post):
    client.force_login(ada)

    response = post("/konto/", {"display_name": "x" * 121})
    too_long = text(response)
    impostor = text(post("/konto/", {"display_name": "Ehemaliges Mitglied"}))

    assert response.status_code == 200
    assert "Bitte höchstens 120 Zeichen." in too_long
    assert 'id="id_display_name_error"' in too_long and 'aria-invalid="true"' in too_long
    assert f'value="{"x" * 121}"' in too_long
    assert "gelöschte Konten" in impostor
    ada.refresh_from_db()
    assert ada.display_name == "Ada Lovelace"


def test_a_coordinator_without_two_factor_login_is_urged_to_set_it_up(
    ada, client, get, make_coproduction
):
    make_coproduction(ada)
    client.force_login(ada)

    page = text(get("/konto/"))

    assert "Bitte schützt euer Konto mit einem zweiten Faktor" in page
    assert "Ernährungsrat Musterstadt" in page
    assert 'href="/konto/2fa/totp/activate/"' in page


def test_a_coordinator_with_two_factor_login_and_a_plain_member_are_not_urged(
    ada, make_user, client, get, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    Authenticator.objects.create(user=ada, type=Authenticator.Type.TOTP, data={"secret": "x"})
    bea = make_user("bea@example.org")
    add_member(coproduction, bea)

    for person in (ada, bea):
        client.force_login(person)
        assert "zweiten Faktor" not in text(get("/konto/")), person


# Export


def export(client, get, user) -> dict:
    client.force_login(user)
    response = get("/konto/daten.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="gemeinwerk-daten-')
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_the_export_contains_the_persons_data_and_nothing_about_other_people(
    ada, make_user, client, get, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    bea = make_user("bea@example.org", "Bea Beispiel")
    add_member(coproduction, bea, "coordination")
    invitation_create(
        actor=bea,
        coproduction=coproduction,
        partner=coproduction.partners.first(),
        email="carla@example.org",
        access="member",
    )
    Authenticator.objects.create(user=ada, type=Authenticator.Type.TOTP, data={"secret": "GEHEIM"})

    data = export(client, get, ada)

    assert data["account"]["email"] == "ada@example.org"
    assert data["account"]["display_name"] == "Ada Lovelace"
    assert data["account"]["email_addresses"] == [
        {"email": "ada@example.org", "verified": True, "primary": True}
    ]
    assert data["account"]["two_factor"]["enabled"] is True
    assert [m["coproduction"] for m in data["memberships"]] == ["Ernährungsrat Musterstadt"]
    assert data["memberships"][0]["access"] == "Koordination"
    assert data["memberships"][0]["partner"] == "Initiative Essbare Stadt"
    assert {c["action"] for c in data["changes"]} >= {"angelegt", "beigetreten"}
    dump = json.dumps(data)
    for other in ("bea@example.org", "Bea Beispiel", "carla@example.org", "GEHEIM", PASSWORD):
        assert other not in dump, other
    assert "password" not in dump


def test_the_export_lists_invitations_to_the_persons_address_only(
    ada, make_user, client, get, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    bea = make_user("bea@example.org")
    add_member(coproduction, bea)

    data = export(client, get, bea)

    assert [i["email"] for i in data["invitations"]] == ["bea@example.org"]
    assert data["invitations"][0]["accepted_at"]
    assert [c["action"] for c in data["changes"]] == ["beigetreten"]


def test_an_unverified_address_does_not_reveal_invitations_to_it(
    ada, client, get, make_coproduction
):
    coproduction = make_coproduction(ada)
    invitation_create(
        actor=ada,
        coproduction=coproduction,
        partner=coproduction.partners.first(),
        email="fremd@example.org",
        access="member",
    )
    EmailAddress.objects.create(user=ada, email="fremd@example.org", verified=False)

    assert export(client, get, ada)["invitations"] == []


def test_the_data_page_shows_the_same_data_with_a_fixed_number_of_queries(
    ada, make_user, client, get, make_coproduction, add_member, django_assert_max_num_queries
):
    for number in range(6):
        coproduction = make_coproduction(ada, name=f"Ko-Produktion {number}")
        add_member(coproduction, make_user(f"person{number}@example.org"))
    client.force_login(ada)

    # One query a section of the feature apps; the votes' options and the addresses mail
    # went to take one more each.
    with django_assert_max_num_queries(14 + len(all_sections()) + 2):
        page = text(get("/konto/daten/"))

    assert "Ko-Produktion 5" in page
    assert 'href="/konto/daten.json"' in page


# Deletion


def test_deleting_asks_for_the_password_first_and_a_get_deletes_nothing(ada, client, get):
    client.force_login(ada)

    response = get("/konto/loeschen/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")
    assert User.objects.filter(pk=ada.pk).exists()


def test_deleting_needs_the_explicit_confirmation(ada, client, get, post, reauthenticate):
    client.force_login(ada)
    reauthenticate()

    page = text(get("/konto/loeschen/"))
    response = post("/konto/loeschen/", {})

    assert "Konto endgültig löschen" in page
    assert response.status_code == 200
    assert "Bitte bestätigt, dass ihr euer Konto löschen wollt." in text(response)
    assert User.objects.filter(pk=ada.pk).exists()


def test_a_confirmed_deletion_removes_the_account_and_signs_out(
    make_user, client, get, post, reauthenticate, ada, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    bea = make_user("bea@example.org", "Bea Beispiel")
    membership = add_member(coproduction, bea)
    client.force_login(bea)
    reauthenticate()

    response = post("/konto/loeschen/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Euer Konto ist gelöscht." in text(get("/"))
    assert not User.objects.filter(email="bea@example.org").exists()
    assert get("/konto/").status_code == 302
    membership.refresh_from_db()
    assert membership.user is None and membership.left_at is not None


def test_the_last_coordinator_is_told_to_hand_over_before_deleting(
    ada, make_user, client, get, post, reauthenticate, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    add_member(coproduction, make_user("bea@example.org"))
    client.force_login(ada)
    reauthenticate()

    page = text(get("/konto/loeschen/"))
    response = post("/konto/loeschen/", {"confirm": "on"})

    assert "letzte Koordination" in page and "Ernährungsrat Musterstadt" in page
    assert "Konto endgültig löschen" not in page
    assert response.status_code == 200
    assert "letzte Koordination" in text(response)
    assert User.objects.filter(pk=ada.pk).exists()
    assert Membership.objects.get(user=ada).left_at is None


# No GET changes anything


def state(user) -> dict:
    return {
        "users": list(User.objects.values_list("email", "display_name", "password")),
        "addresses": list(EmailAddress.objects.values_list("email", "verified", "primary")),
        "authenticators": list(Authenticator.objects.values_list("type", "data")),
        "memberships": list(Membership.objects.values_list("user", "left_at")),
        "queued mails": DBTaskResult.objects.count(),
    }


def test_no_get_under_konto_changes_anything(
    ada, client, get, post, reauthenticate, make_coproduction, add_member, make_user
):
    add_member(make_coproduction(make_user("carla@example.org")), ada, access="coordination")
    post(
        "/konto/signup/", {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    confirm_link = CONFIRM_LINK.search(sent()[-1].body).group(0)
    post("/konto/password/reset/", {"email": ada.email})
    reset_link = RESET_LINK.search(sent()[-1].body).group(0)
    client.force_login(ada)
    reauthenticate()
    before = state(ada)
    urls = [
        "/konto/",
        "/konto/daten/",
        "/konto/daten.json",
        "/konto/loeschen/",
        "/konto/logout/",
        "/konto/email/",
        "/konto/password/change/",
        "/konto/password/set/",
        "/konto/2fa/",
        "/konto/2fa/totp/activate/",
        "/konto/2fa/totp/deactivate/",
        "/konto/2fa/recovery-codes/",
        "/konto/2fa/recovery-codes/generate/",
        "/konto/2fa/recovery-codes/download/",
        "/konto/reauthenticate/",
        "/konto/login/",
        "/konto/signup/",
        "/konto/password/reset/",
        confirm_link,
        reset_link,
    ]

    for url in urls:
        assert get(url).status_code < 500, url

    assert state(ada) == before
    assert get("/konto/").status_code == 200, "still signed in"
