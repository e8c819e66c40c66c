"""Comments of a closed round: its page shows the first few per group and question, a page of
their own shows all — by the same rules of anonymity."""

from reflection import services
from reflection.results import COMMENTS_SHOWN
from tests.goals.conftest import login
from workspaces.visibility import Side

from .helpers import answer_all, members


def url(coproduction, round_, path=""):
    return f"/werkstatt/{coproduction.slug}/reflexion/{round_.pk}/{path}"


def get(client, path) -> str:
    response = client.get(path, secure=True)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_the_round_shows_the_first_comments_and_links_to_all(
    coproduction, coordinator, round_, admins
):
    people = admins + members(coproduction, Side.ADMINISTRATION, COMMENTS_SHOWN)
    for n, member in enumerate(people):
        answer_all(round_, [member], score=3, comment=f"Kommentar {n:02d}")
    services.round_close(actor=coordinator, round_=round_)
    client = login(coordinator)

    page = get(client, url(coproduction, round_))
    first, last = f"Kommentar {COMMENTS_SHOWN - 1:02d}", f"Kommentar {len(people) - 1:02d}"
    assert first in page and last not in page
    link = f"kommentare/?frage=goals&amp;gruppe={Side.ADMINISTRATION}"
    assert link in page and f"Alle {len(people)} Kommentare" in page

    comments = get(client, url(coproduction, round_, link.replace("&amp;", "&")))
    assert all(f"Kommentar {n:02d}" in comments for n in range(len(people)))
    together = get(client, url(coproduction, round_, "kommentare/?frage=goals"))
    assert last in together and "Alle zusammen" in together


def test_the_comments_page_hides_a_group_too_small_to_stay_anonymous(
    coproduction, coordinator, round_, admins
):
    answer_all(round_, admins, score=3, comment="Wir drei")
    answer_all(round_, members(coproduction, Side.CIVIL_SOCIETY, 1), score=1, comment="Nur ich")
    services.round_close(actor=coordinator, round_=round_)
    client = login(coordinator)

    for group in [Side.CIVIL_SOCIETY, ""]:
        page = get(client, url(coproduction, round_, f"kommentare/?frage=goals&gruppe={group}"))
        assert "Nur ich" not in page and "zu wenige Antworten" in page
    page = get(client, url(coproduction, round_, f"kommentare/?gruppe={Side.ADMINISTRATION}"))
    assert "Wir drei" in page


def test_a_running_round_has_no_comments_page(coproduction, coordinator, round_, admins):
    answer_all(round_, admins, score=3, comment="Noch geheim")
    response = login(coordinator).get(url(coproduction, round_, "kommentare/"), secure=True)
    assert response.status_code == 404
