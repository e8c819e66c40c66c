"""Sign-up, verification, login, throttling, password reset, logout — and links of another
account opened while signed in."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.accounts.conftest import PASSWORD
from tests.accounts.helpers import CONFIRM_LINK, RESET_LINK, sent, text

pytestmark = pytest.mark.django_db


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
