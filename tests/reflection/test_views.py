"""The reflection's pages: bad input answered in German with the input kept, what the forms
offer to link, and the public evaluation on the public page."""

from datetime import timedelta

from django.utils import timezone

from reflection import services
from reflection.models import ReflectionRound
from tests.factories import make_goal

from .helpers import answer_all


def url(coproduction, path=""):
    return f"/werkstatt/{coproduction.slug}/reflexion/{path}"


def test_a_round_ending_before_it_begins_is_refused_next_to_the_field_with_the_input_kept(
    client, coproduction, coordinator
):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        url(coproduction, "neu/"),
        {
            "title": "Reflexion Winter",
            "opens_on": (today + timedelta(days=5)).isoformat(),
            "closes_on": (today + timedelta(days=2)).isoformat(),
        },
        secure=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and "endet nach ihrem Beginn" in page
    assert 'value="Reflexion Winter"' in page
    assert not ReflectionRound.objects.exists()


def test_an_answer_with_a_nul_byte_gets_a_german_message(client, coproduction, round_, coordinator):
    client.force_login(coordinator)
    data = {f"{q}_score": 3 for q in ["goals", "progress", "structures", "learning", "conflict"]}
    data |= {"opportunities_score": 3, "goals_comment": "Gut\x00"}
    response = client.post(url(coproduction, f"{round_.pk}/antworten/"), data, secure=True)
    assert response.status_code == 200
    assert "Nullzeichen" in response.content.decode()
    assert not round_.responses.exists()


def test_the_consequence_form_offers_no_side_only_goal(client, coproduction, round_, coordinator):
    make_goal(coproduction, side="administration", title="Nur unser Entwurf")
    make_goal(coproduction, title="Gemeinsam gesund essen")
    client.force_login(coordinator)
    page = client.get(
        url(coproduction, f"{round_.pk}/konsequenz/?auswahl=goal&goal__q=e"), secure=True
    ).content.decode()
    assert "Gemeinsam gesund essen" in page and "Nur unser Entwurf" not in page


def test_a_published_evaluation_is_on_the_public_page_and_a_members_one_is_not(
    client, coproduction, coordinator, round_, admins, civils
):
    answer_all(round_, admins + civils, score=4)
    services.round_close(actor=coordinator, round_=round_)
    services.evaluation_save(
        actor=coordinator, round_=round_, text="Ehrlich: zu viele Sitzungen.", visibility="public"
    )
    public = client.get(f"/oeffentlich/{coproduction.slug}/", secure=True).content.decode()
    assert "Ehrlich: zu viele Sitzungen." in public and "Mittelwert" not in public
    evaluation = round_.evaluation
    services.evaluation_save(
        actor=coordinator,
        round_=round_,
        text="Nur für uns.",
        visibility="coproduction",
        expected_version=evaluation.version,
    )
    assert client.get(f"/oeffentlich/{coproduction.slug}/", secure=True).status_code == 404


def test_the_overview_says_a_running_round_waits_for_the_own_answers_until_given(
    client, coproduction, round_, civil_member
):
    client.force_login(civil_member.user)
    overview = f"/werkstatt/{coproduction.slug}/"
    assert "Reflexion – eure Antworten fehlen" in client.get(overview, secure=True).content.decode()
    answer_all(round_, [civil_member])
    assert "eure Antworten fehlen" not in client.get(overview, secure=True).content.decode()


def test_publishing_an_evaluation_members_read_asks_once_and_saves_only_when_confirmed(
    client, coproduction, coordinator, round_, admins, civils
):
    answer_all(round_, admins + civils, score=4)
    services.round_close(actor=coordinator, round_=round_)
    services.evaluation_save(
        actor=coordinator, round_=round_, text="Für alle Mitglieder.", visibility="coproduction"
    )
    evaluation = round_.evaluation
    client.force_login(coordinator)
    posted = {"text": "Für alle Mitglieder.", "visibility": "public", "version": evaluation.version}
    page_url = url(coproduction, f"{round_.pk}/auswertung/")
    asked = client.post(page_url, posted, secure=True).content.decode()
    assert "Mehr Menschen sehen dann" in asked
    evaluation.refresh_from_db()
    assert evaluation.visibility == "coproduction"

    client.post(page_url, {**posted, "widen_confirmed": "public"}, secure=True)
    evaluation.refresh_from_db()
    assert evaluation.visibility == "public"
