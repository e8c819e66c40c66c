"""Ids in forms and links are read as ASCII digits only: "²" passes ``str.isdigit`` but not
``int``, and answered 500 instead of being ignored or 404."""

from django.urls import reverse

from goals.models import Goal
from tests.factories import make_goal

from .conftest import login

ODD = "²"


def test_an_odd_number_in_a_link_or_form_is_ignored_not_an_error(
    coproduction, coordinator, meeting
):
    client = login(coordinator)
    slug = coproduction.slug
    agenda = reverse("meetings:agenda_create", args=[slug, meeting.pk])
    assert client.get(f"{agenda}?konflikt={ODD}", secure=True).status_code == 200
    log = reverse("decisions:list", args=[slug])
    assert client.get(f"{log}?gremium={ODD}&ziel={ODD}", secure=True).status_code == 200
    make_goal(coproduction, side="administration")
    share = reverse("goals:share", args=[slug])
    # No number names no draft: not a 500, and not the question about sharing all drafts.
    assert client.post(share, {"goal": ODD}, secure=True).status_code == 404
    assert client.get(f"{share}?ziel={ODD}", secure=True).status_code == 404


def test_an_odd_version_is_a_missing_version_not_an_error(coproduction, coordinator):
    goal = make_goal(coproduction)
    delete = reverse("goals:goal_delete", args=[coproduction.slug, goal.pk])
    response = login(coordinator).post(delete, {"version": ODD}, secure=True)
    assert response.status_code < 500
    assert Goal.objects.filter(pk=goal.pk).exists()
