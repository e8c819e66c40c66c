"""Forms and filters that used to list every body, meeting or member (issue 10 §2): the
decision form's body and meeting, the Beschlussbuch's body filter and the minutes' attendees
render only what is chosen, plus a search — and their queries do not grow with the data."""

import pytest
from django.urls import reverse

from structures.models import Body
from tests.factories import add_member
from tests.goals.conftest import login
from tests.meetings.helpers import make_meeting
from tests.workspaces.test_picker import HTMX, MANY, get

pytestmark = pytest.mark.django_db


def bodies(coproduction, count=MANY):
    return [
        Body.objects.create(coproduction=coproduction, name=f"AG {n}", kind="working_group")
        for n in range(count)
    ]


def meetings(coproduction, actor, count=MANY):
    return [make_meeting(coproduction, actor, title=f"Plenum {n}") for n in range(count)]


def test_the_decision_form_lists_no_body_and_no_meeting(coproduction, coordinator):
    bodies(coproduction)
    meetings(coproduction, coordinator)

    page = get(login(coordinator), reverse("decisions:create", args=[coproduction.slug]))

    assert page.count('name="body"') == 1  # „keine Auswahl“
    assert page.count('name="meeting"') == 1
    assert 'name="body__q"' in page and 'name="meeting__q"' in page
    assert "<option" not in page


def test_the_decision_form_finds_bodies_and_meetings_by_search(coproduction, coordinator):
    bodies(coproduction)
    meetings(coproduction, coordinator, count=3)
    client = login(coordinator)
    url = reverse("decisions:create", args=[coproduction.slug])

    found = get(client, url + "?auswahl=body&body__q=AG+1", **HTMX)
    dates = get(client, url + "?auswahl=meeting&meeting__q=Plenum", **HTMX)

    assert found.count('name="body"') == 13  # every name with a 1: AG 1, AG 10 … AG 19, 21, 31
    assert ">AG 2<" not in found
    assert dates.count('name="meeting"') == 3


def test_the_log_filters_by_body_without_listing_them(coproduction, coordinator):
    chosen = bodies(coproduction)[7]
    client = login(coordinator)
    url = reverse("decisions:list", args=[coproduction.slug])

    page = get(client, url)
    filtered = get(client, url + f"?gremium={chosen.pk}")
    found = get(client, url + "?auswahl=gremium&gremium__q=AG+7", **HTMX)

    assert page.count('name="gremium"') == 1
    assert filtered.count('name="gremium"') == 2  # „keine Auswahl“ and the chosen body
    assert f'value="{chosen.pk}"' in filtered and "AG 7" in filtered
    assert f'value="{chosen.pk}"' in found


def test_the_minutes_list_only_the_attendees(coproduction, coordinator):
    meeting = make_meeting(coproduction, coordinator)
    for _ in range(MANY):
        add_member(coproduction)
    client = login(coordinator)
    url = reverse("meetings:minutes", args=[coproduction.slug, meeting.pk])

    page = get(client, url)
    found = get(client, url + "?auswahl=attendees&attendees__q=a", **HTMX)

    assert page.count('name="attendees"') == 0
    assert 'name="attendees__q"' in page
    assert 0 < found.count('name="attendees"') <= 15


def test_the_minutes_search_step_keeps_the_text_without_javascript(coproduction, coordinator):
    meeting = make_meeting(coproduction, coordinator)
    url = reverse("meetings:minutes", args=[coproduction.slug, meeting.pk])
    data = {
        "version": meeting.minutes.version,
        "text": "Vereinbart: Gartenfest",
        "attendees__q": "Koordination",
        "auswahl": "attendees",
    }

    response = login(coordinator).post(url, data, secure=True)

    assert response.status_code == 200
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.text == ""  # a search step saves nothing
    assert "Vereinbart: Gartenfest" in response.content.decode()


@pytest.mark.parametrize("path", ["decisions:create", "decisions:list"])
def test_the_queries_stay_flat_as_bodies_and_meetings_grow(
    coproduction, coordinator, path, django_assert_max_num_queries
):
    client = login(coordinator)
    url = reverse(path, args=[coproduction.slug])
    bodies(coproduction, count=2)
    with django_assert_max_num_queries(99) as few:
        get(client, url)
    bodies(coproduction)
    meetings(coproduction, coordinator)
    with django_assert_max_num_queries(len(few)):
        get(client, url)
