"""The Beschlussbuch exports at length: streamed CSV, a Word file on A4 with a title page and
page numbers, a bounded number of queries however many decisions, odd text kept safe."""

import csv
import io
import zipfile

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.models import Decision
from decisions.selectors import CHUNK
from tests.factories import make_goal
from workspaces.visibility import Side, Visibility

from .conftest import login, url

pytestmark = pytest.mark.django_db


def many(coproduction, count, **fields):
    start = Decision.objects.filter(coproduction=coproduction).count()
    return Decision.objects.bulk_create(
        [
            Decision(
                coproduction=coproduction,
                number=start + n + 1,
                question=f"Frage {start + n}",
                procedure="meeting",
                **fields,
            )
            for n in range(count)
        ]
    )


def csv_rows(client, coproduction) -> list[list[str]]:
    response = client.get(url("export_csv", coproduction), secure=True)
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_a_long_log_streams_every_decision_newest_first_with_its_visible_goals(
    coproduction, coordinator
):
    goal = make_goal(coproduction, title="Frisch kochen")
    hidden = make_goal(coproduction, side=Side.CIVIL_SOCIETY, title="Geheimziel")
    decisions = many(coproduction, CHUNK + 20)
    for decision in decisions[:: CHUNK // 4]:
        decision.goals.add(goal, hidden)

    rows = csv_rows(login(coordinator), coproduction)

    assert len(rows) == 1 + CHUNK + 20
    assert [r[1] for r in rows[1:3]] == [f"Frage {CHUNK + 19}", f"Frage {CHUNK + 18}"]
    with_goal = [r for r in rows[1:] if r[-1]]
    assert len(with_goal) == len(decisions[:: CHUNK // 4])
    assert all(r[-1] == "Frisch kochen" for r in with_goal)  # the other side's goal stays out


def test_the_exports_cost_the_same_queries_for_a_few_and_for_many_decisions(
    coproduction, coordinator
):
    client = login(coordinator)
    many(coproduction, 3)

    def queries(name):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(name, coproduction), secure=True)
            if response.streaming:
                b"".join(response.streaming_content)
        return len(captured)

    few = {name: queries(name) for name in ("export_csv", "export_docx")}
    many(coproduction, CHUNK - 10)  # still one chunk: the count must not move at all
    assert {name: queries(name) for name in few} == few


def test_the_word_file_is_a4_with_a_title_page_and_page_numbers(coproduction, coordinator):
    many(
        coproduction,
        2,
        outcome="Erste Zeile\nZweite Zeile <b>&</b> \x07\x1b Ende",
        visibility=Visibility.COPRODUCTION,
    )

    response = login(coordinator).get(url("export_docx", coproduction), secure=True)

    document = docx.Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 20
    assert [p.text for p in document.paragraphs[:2]] == ["Beschlussbuch", coproduction.name]
    assert f"Ko-Produktion „{coproduction.name}“" in [p.text for p in document.paragraphs]
    footer = zipfile.ZipFile(io.BytesIO(response.content)).read("word/footer1.xml").decode()
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert len(document.tables) == 2
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cells["Ergebnis"] == "Erste Zeile\nZweite Zeile <b>&</b>  Ende"


def test_an_empty_log_says_so_in_the_word_file(coproduction, coordinator):
    response = login(coordinator).get(url("export_docx", coproduction), secure=True)

    document = docx.Document(io.BytesIO(response.content))
    assert "Noch keine Entscheidungen." in [p.text for p in document.paragraphs]
    assert not document.tables
