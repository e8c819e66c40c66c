"""What of the answers anyone sees: groups of three or more, no differences that reveal
one or two people, nothing while a round runs."""

from reflection import results, services
from reflection.results import TOO_FEW, shown_groups
from workspaces.visibility import Side

from .helpers import answer_all, members

SIDES = [Side.ADMINISTRATION, Side.CIVIL_SOCIETY]


def test_a_side_is_shown_from_three_answers_and_together_only_when_no_small_rest_is_revealed():
    assert shown_groups({"administration": 3, "civil_society": 3}) == (
        {"administration", "civil_society"},
        True,
    )
    # 4 + 1: together minus the administration would be the one civil answer.
    assert shown_groups({"administration": 4, "civil_society": 1}) == ({"administration"}, False)
    # 3 + 2 + 1 external: the rest (3) is a group of three, so together is safe.
    assert shown_groups({"administration": 3, "civil_society": 2, "external": 1}) == (
        {"administration"},
        True,
    )
    assert shown_groups({"administration": 2}) == (set(), False)
    assert shown_groups({"administration": 1, "civil_society": 2}) == (set(), True)
    assert shown_groups({}) == (set(), False)


def test_results_show_means_per_side_and_together(
    coproduction, coordinator, round_, admins, civils
):
    answer_all(round_, admins, score=2, comment="Zu langsam")
    answer_all(round_, civils, score=4, comment="Aber gut")
    services.round_close(actor=coordinator, round_=round_)
    together, admin, civil = results.round_results(round_, SIDES)
    assert together.shown and together.count == 6
    assert together.questions[0].mean == 3.0
    assert admin.questions[0].mean == 2.0 and civil.questions[0].mean == 4.0
    assert together.questions[0].comments == ["Aber gut"] * 3 + ["Zu langsam"] * 3
    assert admin.count_label == "3 Antworten"


def test_a_small_side_shows_neither_means_nor_comments_nor_its_count(
    coproduction, coordinator, round_, admins
):
    admins.append(members(coproduction, Side.ADMINISTRATION, 1)[0])
    answer_all(round_, admins, score=3)
    lone = members(coproduction, Side.CIVIL_SOCIETY, 1)
    answer_all(round_, lone, score=1, comment="Nur ich sage das")
    services.round_close(actor=coordinator, round_=round_)
    together, admin, civil = results.round_results(round_, SIDES)
    assert admin.shown and not civil.shown and not together.shown
    assert civil.questions == [] and together.questions == []
    assert civil.count_label == "weniger als drei Antworten"
    assert together.count_label == ""  # 5 would reveal the one civil answer next to admin's 4
    everything = repr([admin, civil, together])
    assert "Nur ich sage das" not in everything


def test_the_round_page_shows_no_numbers_while_it_runs_and_results_after(
    client, coproduction, coordinator, round_, admins, civils
):
    answer_all(round_, admins + civils, score=5, comment="Sichtbar erst danach")
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/reflexion/{round_.pk}/"
    running = client.get(url, secure=True).content.decode()
    assert "Sichtbar erst danach" not in running and "Mittelwert" not in running
    assert "6 Antworten" not in running
    services.round_close(actor=coordinator, round_=round_)
    closed = client.get(url, secure=True).content.decode()
    assert "Sichtbar erst danach" in closed and "Mittelwert" in closed


def test_too_few_answers_say_so_on_the_page(client, coproduction, coordinator, round_, civils):
    answer_all(round_, civils[:2], score=1, comment="Zwei Stimmen")
    services.round_close(actor=coordinator, round_=round_)
    client.force_login(coordinator)
    page = client.get(
        f"/werkstatt/{coproduction.slug}/reflexion/{round_.pk}/", secure=True
    ).content.decode()
    assert TOO_FEW in page and "Zwei Stimmen" not in page


def test_a_closed_round_keeps_its_counts_so_trends_read_no_answers_again(
    coproduction, coordinator, round_, admins, civils, django_assert_num_queries
):
    answer_all(round_, admins, score=2)
    answer_all(round_, civils, score=5)
    services.round_close(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    assert round_.summary == results.live_stats([round_.pk])[round_.pk]
    with django_assert_num_queries(0):
        (row,) = results.trends([round_], "civil_society")
    assert row.means["goals"] == 5.0
