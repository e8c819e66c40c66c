"""Long texts are shortened in lists and on the overview, the whole text one click away
(issue 9 §6)."""

from core.templatetags.gemeinwerk import SHORT, shortened
from tests.factories import make_goal
from tests.goals.conftest import (  # noqa: F401 - fixtures of the goals tests
    coordinator,
    coproduction,
    login,
    url,
)
from workspaces.visibility import Side


def test_a_short_text_stays_whole_and_escaped():
    assert shortened("Gesund & regional <b>", "/ziel/1/") == "Gesund &amp; regional &lt;b&gt;"


def test_a_long_text_is_cut_at_a_word_with_a_link_to_the_whole():
    text = "Regionale Zutaten für jede Kita " * 40
    html = shortened(text, "/werkstatt/x/ziele/1/")
    visible = html.split(" <a ")[0]
    assert len(visible) <= SHORT + 1 and visible.endswith("…")
    assert visible.endswith(("Regionale…", "Zutaten…", "für…", "jede…", "Kita…"))  # a word
    assert html.endswith('<a href="/werkstatt/x/ziele/1/">weiterlesen</a>')


def test_without_a_page_the_whole_text_opens_in_place_and_a_megabyte_word_is_cut():
    html = shortened("x" * 1_000_000)
    assert html.startswith('<span class="shortened">' + "x" * SHORT + "…</span>")
    assert "<summary>ganzen Text zeigen</summary>" in html


def test_the_goal_list_shortens_a_long_description(coproduction, coordinator):  # noqa: F811
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, title="Frisch kochen")
    goal.description = "Jede Kita kocht frisch mit regionalen Zutaten. " * 50
    goal.save(update_fields=["description"])

    html = login(coordinator).get(url("list", coproduction), secure=True).content.decode()

    assert html.count("Jede Kita kocht frisch") < 10
    assert f'<a href="/werkstatt/{coproduction.slug}/ziele/{goal.pk}/">weiterlesen</a>' in html
