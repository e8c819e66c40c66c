"""The account pages: sign-up, login, throttling, reset, account page, export, deletion."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from accounts.sections import all_sections
from tests.accounts.conftest import PASSWORD
from tests.tasks import run_due_tasks
from workspaces.models import Membership
from workspaces.services import invitation_create

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://[^\s]+/konto/confirm-email/[^\s]+/")
RESET_LINK = re.compile(r"https?://[^\s]+/konto/password/reset/key/[^\s]+/")


def text(response) -> str:
    return response.content.decode()


def sent() -> list:
    """The mails the worker sent: account mails go through the task queue too."""
    run_due_tasks()
    return mail.outbox


# Sign-up, verification, login, logout


def test_signing_up_sends_a_verification_mail_whose_link_confirms_and_logs_in(get, post):
    response = post(
        "/konto/signup/",
        {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert "E-Mail geschickt" in text(get("/konto/confirm-email/"))
    assert mail.outbox == [], "queued, not sent within the request"
    assert len(sent()) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert "Bitte bestätigt eure E-Mail-Adresse" in message.subject
    link = CONFIRM_LINK.search(message.body).group(0)

    confirm_page = get(link)
    assert confirm_page.status_code == 200
    assert not EmailAddress.objects.get(email="neu@example.org").verified, "GET confirmed"

    response = post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="neu@example.org").verified
    assert get("/konto/").status_code == 200


def test_signing_in_before_confirming_sends_the_person_to_verification(post):
    post(
        "/konto/signup/", {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    sent().clear()

    response = post("/konto/login/", {"login": "neu@example.org", "password": PASSWORD})

    assert response["Location"] == "/konto/confirm-email/"
    assert len(sent()) <= 1


def test_sign_up_errors_are_german_and_next_to_the_field(post):
    response = post(
        "/konto/signup/", {"email": "kein-at-zeichen", "password1": "kurz", "password2": "anders"}
    )

    page = text(response)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in page
    assert 'id="id_email_error"' in page
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_email_error', page)
    assert "gültige E-Mail-Adresse" in page
    assert 'value="kein-at-zeichen"' in page, "the input is kept"
    assert not User.objects.exists()


def test_login_with_a_wrong_password_is_throttled_after_ten_attempts(ada, post):
    for _ in range(10):
        response = post("/konto/login/", {"login": ada.email, "password": "falsch-falsch"})
        assert "E-Mail-Adresse oder Passwort stimmen nicht." in text(response)

    response = post("/konto/login/", {"login": ada.email, "password": PASSWORD})

    throttled = response.status_code == 429 or "Zu viele fehlgeschlagene" in text(response)
    assert throttled, text(response)
    assert "_auth_user_id" not in response.wsgi_request.session


def test_the_correct_password_signs_in_and_lands_in_the_werkstatt(ada, post, get):
    response = post("/konto/login/", {"login": ada.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/werkstatt/"


def test_password_reset_mails_a_link_that_sets_a_new_password(ada, get, post, client):
    response = post("/konto/password/reset/", {"email": ada.email})

    assert response.status_code == 302
    assert len(sent()) == 1
    assert mail.outbox[0].to == [ada.email]
    link = RESET_LINK.search(mail.outbox[0].body).group(0)
    form_url = get(link)["Location"]  # allauth moves the key out of the address first
    response = post(
        form_url, {"password1": "Neues-Passwort-fuer-Ada", "password2": "Neues-Passwort-fuer-Ada"}
    )

    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.check_password("Neues-Passwort-fuer-Ada")


def test_a_reset_for_an_unknown_address_reveals_nothing(db, post):
    response = post("/konto/password/reset/", {"email": "niemand@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/konto/password/reset/done/"


def test_logout_by_get_only_asks_and_keeps_the_person_signed_in(ada, client, get):
    client.force_login(ada)

    response = get("/konto/logout/")

    assert response.status_code == 200
    assert "Wollt ihr euch wirklich abmelden?" in text(response)
    assert '<form class="stacked" method="post" action="/konto/logout/"' in text(response)
    assert get("/konto/").status_code == 200


def test_logout_by_post_signs_out(ada, client, get, post):
    client.force_login(ada)

    response = post("/konto/logout/")

    assert response.status_code == 302
    assert get("/konto/").status_code == 302


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


def test_another_accounts_reset_link_asks_a_signed_in_person_to_sign_out_first(
    ada, make_user, client, get, post
):
    post("/konto/password/reset/", {"email": ada.email})
    link = RESET_LINK.search(sent()[-1].body).group(0)
    client.force_login(make_user("bea@example.org"))

    page = get(link)

    assert "gehört aber zu einem anderen Konto" in text(page)
    assert get("/konto/").status_code == 200, "the GET signed nobody out"
    path = re.sub(r"^https?://[^/]+", "", link)
    response = post("/konto/logout/", {"next": path})
    assert response["Location"] == path
    assert get(path)["Location"].endswith("-set-password/")


def test_another_accounts_confirmation_link_confirms_by_post(ada, client, get, post):
    post(
        "/konto/signup/", {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    link = CONFIRM_LINK.search(sent()[-1].body).group(0)
    client.force_login(ada)

    assert get(link).status_code == 200
    assert get("/konto/").status_code == 200
    post(link)

    assert EmailAddress.objects.get(email="neu@example.org").verified


def test_sign_up_asks_for_the_name_others_see(post):
    post(
        "/konto/signup/",
        {
            "email": "neu@example.org",
            "display_name": "  Ines   Peters ",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert User.objects.get(email="neu@example.org").display_name == "Ines Peters"


def test_sign_up_refuses_the_name_of_deleted_accounts_and_keeps_the_input(post):
    response = post(
        "/konto/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Ehemaliges Mitglied",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    page = response.content.decode()
    assert "Diesen Namen tragen gelöschte Konten" in page
    assert 'value="neu@example.org"' in page
    assert not User.objects.filter(email="neu@example.org").exists()
