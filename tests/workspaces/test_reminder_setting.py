"""Whether someone gets reminders and the weekly digest by e-mail is theirs alone to switch, on
their member page."""

from django.test import Client
from django.urls import reverse

from workspaces.models import Membership


def page(coproduction, member) -> str:
    return reverse("workspaces:member", args=[coproduction.slug, member.pk])


def test_members_switch_their_own_reminders_off(coproduction, official):
    client = Client()
    client.force_login(official.user)
    response = client.get(page(coproduction, official), secure=True)
    assert "Erinnerungen per E-Mail" in response.content.decode()
    response = client.post(
        page(coproduction, official),
        {"employment": official.employment, "availability": "", "version": official.version},
        secure=True,
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.email_reminders is False


def test_coordination_cannot_switch_someone_elses_reminders(coproduction, coordinator, official):
    client = Client()
    client.force_login(coordinator)
    response = client.get(page(coproduction, official), secure=True)
    assert response.status_code == 200
    assert "Erinnerungen per E-Mail" not in response.content.decode()
    assert "Wöchentliche Zusammenfassung" not in response.content.decode()
    coordination = Membership.objects.get(user=coordinator)
    assert (
        "Erinnerungen per E-Mail"
        in client.get(page(coproduction, coordination), secure=True).content.decode()
    )


def test_members_switch_their_weekly_digest_off_and_on_again(coproduction, official):
    client = Client()
    client.force_login(official.user)
    assert (
        "Wöchentliche Zusammenfassung"
        in client.get(page(coproduction, official), secure=True).content.decode()
    )
    fields = {"employment": official.employment, "availability": "", "email_reminders": "on"}
    for switched, expected in (({}, False), ({"weekly_digest": "on"}, True)):
        official.refresh_from_db()
        data = {**fields, **switched, "version": official.version}
        assert client.post(page(coproduction, official), data, secure=True).status_code == 302
        official.refresh_from_db()
        assert (official.weekly_digest, official.email_reminders) == (expected, True)
