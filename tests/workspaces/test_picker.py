"""The picker (workspaces/picker.py): forms render what is chosen, never every goal or member;
the search offers only what the viewer sees; every posted id is checked again."""

import pytest
from django.urls import reverse

from decisions.models import Decision
from goals.models import Goal
from structures.models import Body
from tests.factories import add_member, make_coproduction, make_goal, make_user
from tests.goals.conftest import login
from workspaces.picker import RESULT_LIMIT
from workspaces.visibility import Side, Visibility

pytestmark = pytest.mark.django_db

MANY = 40
HTMX = {"HTTP_HX_REQUEST": "true"}


def shared_goals(coproduction, count=MANY, title="Kita"):
    return [
        make_goal(
            coproduction,
            side=Side.CIVIL_SOCIETY,
            visibility=Visibility.COPRODUCTION,
            title=f"{title} {n}",
        )
        for n in range(count)
    ]


def get(client, path, **extra) -> str:
    response = client.get(path, secure=True, **extra)
    assert response.status_code == 200
    return response.content.decode()


def joint_url(coproduction, name="joint_create", *args):
    return reverse(f"goals:{name}", args=[coproduction.slug, *args])


def test_a_new_joint_goal_form_renders_no_goal_and_no_member_at_all(coproduction, coordinator):
    shared_goals(coproduction)
    for _ in range(10):
        add_member(coproduction)

    page = get(login(coordinator), joint_url(coproduction))

    assert page.count('name="answers"') == 0
    # the steward picker: only „keine Auswahl“, no member listed
    assert page.count('name="steward"') == 1
    assert 'name="answers__q"' in page and 'name="steward__q"' in page
    assert 'aria-live="polite"' in page
    assert "/static/workspaces/htmx.min.js" in page


def test_an_edit_form_renders_only_the_chosen_goals(coproduction, coordinator):
    goals = shared_goals(coproduction)
    joint = make_goal(coproduction, title="Gemeinsam")
    joint.answers.set(goals[:2])

    page = get(login(coordinator), joint_url(coproduction, "goal", joint.pk))

    assert page.count('name="answers"') == 2
    assert f'name="answers" value="{goals[0].pk}" id="id_answers_{goals[0].pk}" checked' in page


def test_the_decision_and_milestone_forms_render_no_goal(coproduction, coordinator):
    shared_goals(coproduction)
    client = login(coordinator)

    decision_form = get(client, reverse("decisions:create", args=[coproduction.slug]))
    milestone_form = get(client, reverse("goals:milestone_create", args=[coproduction.slug]))

    assert decision_form.count('name="goals"') == 0
    assert decision_form.count('name="prepared_by"') == 2  # „keine Auswahl“ + oneself
    assert milestone_form.count('name="goal"') == 1  # „keine Auswahl“


def test_a_body_form_renders_only_its_members(coproduction, coordinator):
    members = [add_member(coproduction) for _ in range(MANY)]
    body = Body.objects.create(coproduction=coproduction, name="AG Kita", kind="working_group")
    body.members.set(members[:3])

    page = get(login(coordinator), reverse("structures:body", args=[coproduction.slug, body.pk]))

    assert page.count('name="members"') == 3


def test_the_search_offers_only_visible_goals_of_this_coproduction(coproduction, coordinator):
    shared = shared_goals(coproduction, count=2)
    # The coordinator speaks for the civil society: the administration's draft is hidden.
    draft = make_goal(coproduction, side=Side.ADMINISTRATION, title="Kita geheim")
    own_draft = make_goal(coproduction, side=Side.CIVIL_SOCIETY, title="Kita eigener Entwurf")
    elsewhere = make_coproduction(make_user(), name="Andere")
    foreign = make_goal(
        elsewhere, side=Side.CIVIL_SOCIETY, visibility=Visibility.PUBLIC, title="Kita fremd"
    )
    client = login(coordinator)

    answers = get(client, joint_url(coproduction) + "?auswahl=answers&answers__q=kita", **HTMX)
    goals = get(
        client,
        reverse("decisions:create", args=[coproduction.slug]) + "?auswahl=goals&goals__q=kita",
        **HTMX,
    )

    for goal in shared:
        assert f'value="{goal.pk}"' in answers
    for hidden in (draft, foreign, own_draft):  # a joint goal answers shared goals only
        assert f'value="{hidden.pk}"' not in answers
    assert "<html" not in answers  # a fragment, not a page
    assert f'value="{own_draft.pk}"' in goals  # a decision may concern our own draft
    assert f'value="{draft.pk}"' not in goals and f'value="{foreign.pk}"' not in goals
    assert "2 Treffer" in answers


def test_the_search_lists_a_bounded_number_and_skips_the_chosen(coproduction, coordinator):
    goals = shared_goals(coproduction)
    chosen = goals[0]
    query = f"?auswahl=answers&answers__q=Kita&answers={chosen.pk}"

    fragment = get(login(coordinator), joint_url(coproduction) + query, **HTMX)

    assert fragment.count('name="answers"') == RESULT_LIMIT
    assert f'value="{chosen.pk}"' not in fragment
    assert "Mehr als 15 Treffer" in fragment


def test_the_search_costs_the_same_queries_for_few_and_many(
    coproduction, coordinator, django_assert_max_num_queries
):
    client = login(coordinator)
    shared_goals(coproduction, count=3)
    path = joint_url(coproduction) + "?auswahl=answers&answers__q=Kita"
    get(client, path, **HTMX)
    shared_goals(coproduction, count=MANY)
    with django_assert_max_num_queries(8):
        get(client, path, **HTMX)


def test_without_javascript_the_search_button_keeps_the_input_and_saves_nothing(
    coproduction, coordinator
):
    goals = shared_goals(coproduction, count=3)
    make_goal(coproduction, side=Side.ADMINISTRATION, title="Kita geheim")
    data = {
        "level": "abstract",
        "title": "Gute Ernährung in jeder Kita",
        "description": "Ein langer Text bleibt stehen.",
        "visibility": "coproduction",
        "answers": [goals[0].pk],
        "answers__q": "Kita",
        "auswahl": "answers",
    }

    response = login(coordinator).post(joint_url(coproduction), data, secure=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert not Goal.objects.filter(title="Gute Ernährung in jeder Kita").exists()
    assert 'value="Gute Ernährung in jeder Kita"' in page
    assert "Ein langer Text bleibt stehen." in page
    assert f'name="answers" value="{goals[0].pk}" id="id_answers_{goals[0].pk}" checked' in page
    assert f'name="answers" value="{goals[1].pk}" id="id_answers_{goals[1].pk}">' in page
    assert "2 Treffer" in page
    assert "Kita geheim" not in page
    assert 'class="errorlist' not in page


def test_the_chosen_goals_are_saved_and_a_hidden_one_is_refused(coproduction, coordinator):
    goals = shared_goals(coproduction, count=2)
    draft = make_goal(coproduction, side=Side.CIVIL_SOCIETY, title="Kita geheim")
    client = login(coordinator)
    data = {"level": "abstract", "title": "Gemeinsam", "visibility": "coproduction"}

    refused = client.post(
        joint_url(coproduction), {**data, "answers": [goals[0].pk, draft.pk]}, secure=True
    )
    assert refused.status_code == 200
    assert "errorlist" in refused.content.decode()
    assert not Goal.objects.filter(title="Gemeinsam").exists()

    # An empty search with the search button (Enter in another field) simply saves.
    saved = client.post(
        joint_url(coproduction),
        {**data, "answers": [goals[1].pk], "auswahl": "answers", "answers__q": ""},
        secure=True,
    )
    assert saved.status_code == 302
    assert list(Goal.objects.get(title="Gemeinsam").answers.all()) == [goals[1]]


def test_a_decision_posting_a_goal_of_another_coproduction_is_refused(coproduction, coordinator):
    elsewhere = make_coproduction(make_user(), name="Andere")
    foreign = make_goal(elsewhere, title="fremd", visibility=Visibility.PUBLIC)
    data = {
        "question": "Kochen wir frisch?",
        "procedure": "consensus",
        "quorum": "0",
        "abstentions": "ignored",
        "visibility": "coproduction",
        "goals": [foreign.pk],
    }

    response = login(coordinator).post(
        reverse("decisions:create", args=[coproduction.slug]), data, secure=True
    )

    assert response.status_code == 200
    assert not Decision.objects.filter(question="Kochen wir frisch?").exists()


def test_a_member_search_finds_names_and_partners(coproduction, coordinator):
    rosa = add_member(coproduction, make_user(display_name="Rosa Beispiel"))
    add_member(coproduction, make_user(display_name="Otto Anders"))
    path = reverse("goals:milestone_create", args=[coproduction.slug])

    fragment = get(login(coordinator), path + "?auswahl=responsible&responsible__q=rosa", **HTMX)

    assert f'value="{rosa.pk}"' in fragment
    assert "Otto" not in fragment
    assert 'type="radio"' in fragment


def test_the_beschlussbuch_filters_by_a_goal_found_by_search(coproduction, coordinator):
    goals = shared_goals(coproduction)
    for number, goal in enumerate(goals, start=1):
        decision = Decision.objects.create(
            coproduction=coproduction,
            number=number,
            question=f"Frage zu {goal.title}",
            procedure="meeting",
        )
        decision.goals.add(goal)
    client = login(coordinator)
    path = reverse("decisions:list", args=[coproduction.slug])

    page = get(client, path)
    fragment = get(client, path + "?auswahl=ziel&ziel__q=Kita+3", **HTMX)
    filtered = get(client, path + f"?ziel={goals[3].pk}")

    assert page.count('name="ziel"') == 1  # „keine Auswahl“ only, not one option per goal
    assert f'value="{goals[3].pk}"' in fragment and f'value="{goals[4].pk}"' not in fragment
    assert f'name="ziel" value="{goals[3].pk}" id="id_ziel_{goals[3].pk}" checked' in filtered
    assert "Frage zu Kita 3<" in filtered and "Frage zu Kita 4<" not in filtered


def test_a_search_step_on_an_edit_page_saves_nothing_and_asks_nothing(coproduction, coordinator):
    goals = shared_goals(coproduction, count=3)
    joint = make_goal(coproduction, title="Gemeinsam", visibility=Visibility.COPRODUCTION)
    data = {
        "level": "abstract",
        "title": "Gemeinsam, neu gefasst",
        "visibility": "public",  # wider: saving would ask first
        "version": joint.version,
        "answers__q": "Kita",
        "auswahl": "answers",
    }

    response = login(coordinator).post(joint_url(coproduction, "goal", joint.pk), data, secure=True)

    page = response.content.decode()
    assert response.status_code == 200
    joint.refresh_from_db()
    assert (joint.title, joint.visibility) == ("Gemeinsam", Visibility.COPRODUCTION)
    assert 'value="Gemeinsam, neu gefasst"' in page
    assert f'name="answers" value="{goals[2].pk}"' in page
