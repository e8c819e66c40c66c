"""Rows rendered once per process (``rendered_once``): a side goal's row on the goals page for
each goal version, slug, share and h (goals/goal_list.html), a row of the overlap page for its
``row_key`` (goals.selectors.with_answering). Their templates may read nothing else, and a
change shows at once — to each member with their own buttons, on each side as it may see it."""

import re
from pathlib import Path

import goals
from goals import services
from tests.factories import add_member, make_goal, make_user
from tests.template_reads import names_read
from workspaces.models import Membership
from workspaces.visibility import Side

from .conftest import login, page_of, url

ROW = Path(goals.__file__).parent / "templates" / "goals" / "_goal.html"
KEY = {"coproduction.slug", "share", "h"}
SYNTAX = {"load", "if", "else", "endif", "and", "or", "not", "as", "url"}
TAGS = {"gemeinwerk", "item_url", "visibility_badge", "shortened", "default", "date"}


def test_the_row_reads_only_the_goal_and_the_cache_key():
    words = names_read(ROW.read_text()) - KEY - SYNTAX - TAGS
    others = {w for w in words if w != "goal" and not w.startswith("goal.")}
    assert others <= {"goal_url"}, others  # goal_url: set in the row from the goal


def test_a_changed_goal_shows_at_once_with_each_member_s_own_buttons(
    coproduction, coordinator, civil_member
):
    observer = add_member(
        coproduction, make_user(), side=Side.ADMINISTRATION, access=Membership.Access.OBSERVER
    )
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, title="Mehr Wohnraum")
    editor, reader = login(coordinator), login(observer.user)
    assert "Mehr Wohnraum" in page_of(editor, url("list", coproduction))
    assert "Teilen …" in page_of(editor, url("list", coproduction))
    assert "Teilen …" not in page_of(reader, url("list", coproduction))

    services.goal_update(
        actor=coordinator, goal=goal, expected_version=goal.version, title="Bezahlbarer Wohnraum"
    )
    for client in (editor, reader):
        page = page_of(client, url("list", coproduction))
        assert "Bezahlbarer Wohnraum" in page and "Mehr Wohnraum" not in page
    assert "Bezahlbarer Wohnraum" not in page_of(
        login(civil_member.user), url("list", coproduction)
    )


OVERLAP_ROW = ROW.parent / "_overlap_row.html"


def test_an_overlap_row_reads_only_its_goal_the_joint_goals_and_the_slug():
    words = names_read(OVERLAP_ROW.read_text()) - SYNTAX - TAGS
    words -= {"coproduction.slug", "goal", "for", "in", "endfor", "forloop.last"}
    assert all(w.startswith(("goal.", "joint_goal")) for w in words), words


def joint_goal(coordinator, coproduction, title, answers):
    return services.goal_create(
        actor=coordinator,
        coproduction=coproduction,
        kind="joint",
        owner_side="",
        level="abstract",
        title=title,
        answers=answers,
    )


def test_the_overlap_shows_a_renamed_or_new_joint_goal_at_once(coproduction, coordinator):
    side_goal = make_goal(coproduction, side=Side.ADMINISTRATION, visibility="coproduction")
    joint = joint_goal(coordinator, coproduction, "Gemeinsam wohnen", [side_goal])
    client = login(coordinator)
    assert "Gemeinsam wohnen" in page_of(client, url("overlap", coproduction))
    services.goal_update(
        actor=coordinator, goal=joint, expected_version=joint.version, title="Zusammen wohnen"
    )
    page = page_of(client, url("overlap", coproduction))
    assert "Zusammen wohnen" in page and "Gemeinsam wohnen" not in page
    joint_goal(coordinator, coproduction, "Quartier stärken", [side_goal])
    assert "Quartier stärken" in page_of(client, url("overlap", coproduction))


def test_the_overlap_figures_follow_a_change_at_once(coproduction, coordinator, civil_member):
    """The figures are kept per side until the next recorded change (history.kept)."""

    def figures(user):
        page = page_of(login(user), url("overlap", coproduction))
        return re.findall(r"<td>(\d+)</td>", page)

    first = make_goal(coproduction, side=Side.ADMINISTRATION, visibility="coproduction")
    assert figures(coordinator) == ["1", "0", "1"]
    joint_goal(coordinator, coproduction, "Gemeinsam wohnen", [first])
    assert figures(coordinator) == ["1", "1", "0"]
    services.goal_create(
        actor=coordinator,
        coproduction=coproduction,
        kind="side",
        owner_side=Side.ADMINISTRATION,
        level="abstract",
        title="Nur für uns",
    )
    assert figures(coordinator) == ["2", "1", "1"]
    assert figures(civil_member.user) == ["1", "1", "0"]  # the draft stays with its side
