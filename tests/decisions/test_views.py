import csv
import io
from datetime import timedelta

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions import services
from decisions.models import Decision, Vote
from workspaces.services import partner_update

from .conftest import draft, login, open_vote, url


def test_the_form_keeps_input_and_explains_in_german(coproduction, coordinator):
    client = login(coordinator)
    response = client.post(
        url("create", coproduction),
        {
            "question": "Wo findet der Gipfel statt?",
            "procedure": "systemic",
            "quorum": "0",
            "abstentions": "ignored",
            "visibility": "coproduction",
            "background": "Mein Text",
        },
        secure=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "mindestens eine Option neben der Passivlösung" in page
    assert "Wo findet der Gipfel statt?" in page and "Mein Text" in page
    assert not Decision.objects.exists()


def test_a_decision_is_prepared_opened_voted_and_counted(coproduction, coordinator, civil_member):
    client = login(coordinator)
    response = client.post(
        url("create", coproduction),
        {
            "question": "Gipfel?",
            "procedure": "systemic",
            "options": "Rathaus\nMarkthalle",
            "quorum": "0",
            "abstentions": "ignored",
            "visibility": "coproduction",
        },
        secure=True,
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.options.count() == 3
    partner = coproduction.partners.get(side="administration")
    partner_update(
        actor=None, partner=partner, expected_version=partner.version, consultation_days=21
    )
    response = client.post(
        url("open", coproduction, decision.pk),
        {"version": 1, "closes_at": "2099-01-01T10:00"},
        secure=True,
    )
    assert response.status_code == 302
    response = client.post(
        url("open", coproduction, decision.pk),
        {"version": 1, "closes_at": "2000-01-01T10:00"},
        secure=True,
    )  # already open: told, not changed
    assert "lässt sich nicht mehr ändern" in response.content.decode()
    keys = [o.pk for o in decision.options.all()]
    voter = login(civil_member.user)
    response = voter.post(
        url("vote", coproduction, decision.pk),
        {f"option-{keys[0]}": "3", f"option-{keys[1]}": "11"},
        secure=True,
    )
    page = response.content.decode()
    assert "Höchstens 10 Punkte" in page and 'value="3"' in page  # input kept
    voter.post(
        url("vote", coproduction, decision.pk),
        {f"option-{keys[0]}": "0", f"option-{keys[1]}": "5", f"option-{keys[2]}": "10"},
        secure=True,
    )
    client.post(
        url("vote", coproduction, decision.pk),
        {f"option-{keys[0]}": "2", f"option-{keys[1]}": "1", f"option-{keys[2]}": "8"},
        secure=True,
    )
    assert Vote.objects.count() == 2
    page = client.get(url("decision", coproduction, decision.pk), secure=True).content.decode()
    assert "Zwischenstand – noch nicht entschieden" in page and "Gruppenakzeptanz" in page
    assert "Gewählt" not in page and "✓" not in page  # the interim tally names no winner
    # Everyone has voted, but the administration's 21 days of Rücksprache are not over.
    response = client.post(
        url("close", coproduction, decision.pk),
        {"reasons": "Gut erreichbar"},
        secure=True,
        follow=True,
    )
    assert "braucht 21 Tage für interne Rücksprache" in response.content.decode()
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - timedelta(days=21, minutes=1)
    )
    response = client.post(
        url("close", coproduction, decision.pk), {"reasons": "Gut erreichbar"}, secure=True
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "decided" and decision.outcome == "Gewählt: Rathaus"
    page = client.get(url("decision", coproduction, decision.pk), secure=True).content.decode()
    assert "Gut erreichbar" in page and "90,0 %" in page


def test_the_rucksprache_warning_is_shown_when_overridden(coproduction, coordinator, council):
    partner_update(
        actor=None, partner=council, expected_version=council.version, consultation_days=14
    )
    decision = draft(coproduction, coordinator)
    client = login(coordinator)
    response = client.post(
        url("open", coproduction, decision.pk),
        {"version": 1, "closes_at": "2099-01-01T10:00"},
        secure=True,
    )
    assert response.status_code == 302  # long enough
    other = draft(coproduction, coordinator)
    from django.utils import timezone

    soon = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url("open", coproduction, other.pk), {"version": 1, "closes_at": soon}, secure=True
    )
    page = response.content.decode()
    assert "Rücksprachefrist" in page and "14 Tage" in page and soon in page
    client.post(
        url("open", coproduction, other.pk),
        {"version": 1, "closes_at": soon, "consultation_override": "Förderantrag endet"},
        secure=True,
    )
    page = client.get(url("decision", coproduction, other.pk), secure=True).content.decode()
    assert "kürzer als die Rücksprachefrist" in page and "Förderantrag endet" in page


def test_observers_see_but_cannot_vote(coproduction, coordinator, civil_observer):
    decision = open_vote(draft(coproduction, coordinator), coordinator)
    client = login(civil_observer.user)
    page = client.get(url("decision", coproduction, decision.pk), secure=True).content.decode()
    assert "nicht abstimmen" in page
    response = client.post(url("vote", coproduction, decision.pk), {"choice": "agree"}, secure=True)
    assert response.status_code == 403 and not Vote.objects.exists()


def decided(coproduction, coordinator, question):
    decision = draft(coproduction, coordinator, question=question, procedure="meeting")
    return services.decision_record_in_meeting(
        actor=coordinator,
        decision=decision,
        yes=4,
        no=1,
        abstain=0,
        passed=True,
        outcome="=Ja, so machen wir es",
    )


def test_the_log_exports_as_csv_and_docx_with_german_dates(coproduction, coordinator):
    decided(coproduction, coordinator, "Gipfel im Mai?")
    client = login(coordinator)
    response = client.get(url("export_csv", coproduction), secure=True)
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Frage", "Stand"]
    assert rows[1][1] == "Gipfel im Mai?" and rows[1][8] == "'=Ja, so machen wir es"
    response = client.get(url("export_docx", coproduction), secure=True)
    document = docx.Document(io.BytesIO(response.content))
    from django.utils import timezone

    today = timezone.localdate().strftime("%d.%m.%Y")
    title = [p.text for p in document.paragraphs[:4]]
    assert title[:2] == ["Beschlussbuch", coproduction.name]
    assert any(line.startswith(f"Stand: {today}") for line in title)
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cells["Stand"] == "Entschieden"
    assert cells["Entschieden am"] == today


def test_the_log_filters_by_status(coproduction, coordinator):
    decided(coproduction, coordinator, "Schon entschieden")
    draft(coproduction, coordinator, question="Noch offen")
    page = (
        login(coordinator)
        .get(url("list", coproduction) + "?stand=draft", secure=True)
        .content.decode()
    )
    assert "Noch offen" in page and "Schon entschieden" not in page


def test_the_other_side_never_sees_a_side_only_draft(coproduction, coordinator, civil_member):
    secret = draft(
        coproduction,
        coordinator,
        question="Internes Amtsthema?",
        visibility="side",
        owner_side="administration",
    )
    client = login(civil_member.user)
    assert (
        "Internes Amtsthema"
        not in client.get(url("list", coproduction), secure=True).content.decode()
    )
    assert client.get(url("decision", coproduction, secret.pk), secure=True).status_code == 404
    assert (
        "Internes Amtsthema"
        not in b"".join(
            client.get(url("export_csv", coproduction), secure=True).streaming_content
        ).decode()
    )


def grow(coproduction, coordinator, n):
    for i in range(n):
        decision = decided(coproduction, coordinator, f"Frage {n}-{i}")
        decision.goals.add(*coproduction.goals.all()[:1])


def count(client, page):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page, secure=True).status_code == 200
    return len(queries)


@pytest.mark.parametrize("suffix", ["", "?stand=decided"])
def test_the_log_makes_the_same_number_of_queries_however_long_it_is(
    coproduction, coordinator, suffix
):
    from tests.factories import make_goal

    make_goal(coproduction)
    client = login(coordinator)
    page = url("list", coproduction) + suffix
    grow(coproduction, coordinator, 2)
    count(client, page)
    small = count(client, page)
    grow(coproduction, coordinator, 25)
    assert count(client, page) == small


def test_the_log_names_only_the_links_each_side_may_see(coproduction, coordinator, civil_member):
    """A row names its body, meeting, superseded and superseding decision only where the viewer
    sees them — on the page and in the export. The links are set past the services here, as
    a side narrowing its own item later leaves them."""
    from meetings.models import Meeting
    from structures.models import Body

    hidden = {"visibility": "side", "owner_side": "administration"}
    body = Body.objects.create(
        coproduction=coproduction, name="Amtsinterne Runde", kind="working_group", **hidden
    )
    start = timezone.now()
    meeting = Meeting.objects.create(
        coproduction=coproduction,
        title="Amtsbesprechung",
        starts_at=start,
        ends_at=start,
        format="in_person",
        **hidden,
    )
    old = draft(coproduction, coordinator, question="Alte Regel?")
    newer = draft(coproduction, coordinator, question="Neue Amtsregel?", **hidden)
    Decision.objects.filter(pk=old.pk).update(status=Decision.Status.SUPERSEDED, meeting=meeting)
    Decision.objects.filter(pk=newer.pk).update(
        status=Decision.Status.DECIDED, supersedes=old, body=body
    )
    joint = draft(coproduction, coordinator, question="Gemeinsame Frage?")
    Decision.objects.filter(pk=joint.pk).update(supersedes=newer, body=body)
    names = ("Amtsinterne Runde", "Amtsbesprechung", "Neue Amtsregel")

    def seen(user):
        client = login(user)
        page = client.get(url("list", coproduction), secure=True).content.decode()
        export = b"".join(
            client.get(url("export_csv", coproduction), secure=True).streaming_content
        ).decode()
        own_pages = "".join(
            client.get(url("decision", coproduction, pk), secure=True).content.decode()
            for pk in (old.pk, joint.pk)
        )
        return page, export, own_pages

    for text in seen(civil_member.user):
        assert "Alte Regel?" in text and "Gemeinsame Frage?" in text
        assert not [name for name in names if name in text], text
    page, export, own_pages = seen(coordinator)
    assert all(name in page and name in export and name in own_pages for name in names)
    assert "Ersetzt durch: <a" in page and "ersetzt durch" in export
