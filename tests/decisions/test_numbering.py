"""Decisions are numbered per co-production (Nr. 1, 2, 3 …), also when created at once, and
the numbers shown before the change stay as they were."""

import csv
import io
import threading

import docx
import pytest
from django.db import connection

from decisions import services
from decisions.models import Decision
from tests.factories import make_coproduction
from tests.migrations import migrate  # noqa: F401

from .conftest import draft, login, url

WRITERS = 6


def test_each_coproduction_counts_its_decisions_from_one(coproduction, coordinator):
    other = make_coproduction(coordinator, name="Wohnen am Fluss")
    first = draft(coproduction, coordinator)
    draft(other, coordinator)
    second = draft(coproduction, coordinator, question="Laden wir den Beirat ein?")
    assert (first.number, second.number) == (1, 2)
    assert Decision.objects.get(coproduction=other).number == 1


def test_the_number_is_shown_in_the_log_the_page_and_the_exports(coproduction, coordinator):
    decision = draft(coproduction, coordinator)
    Decision.objects.filter(pk=decision.pk).update(status="decided")
    replacement = services.decision_supersede(
        actor=coordinator,
        decision=decision,
        reason="Der Gipfel wird ein Markt.",
        question="Machen wir einen Markt?",
        procedure="consensus",
    )
    assert (decision.number, replacement.number) == (1, 2)
    client = login(coordinator)
    log = client.get(url("list", coproduction), secure=True).content.decode()
    assert "Nr. 1" in log and "Nr. 2" in log
    page = client.get(url("decision", coproduction, decision.pk), secure=True).content.decode()
    assert "Nr. 1<" in page
    response = client.get(url("export_csv", coproduction), secure=True)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert {"1", "2"} <= set(rows)
    assert any("Nr. 1" in cell for cell in rows["2"])
    document = docx.Document(
        io.BytesIO(client.get(url("export_docx", coproduction), secure=True).content)
    )
    headings = [p.text for p in document.paragraphs if p.text.startswith("Nr. ")]
    assert any(h.startswith("Nr. 1:") for h in headings)
    assert any(h.startswith("Nr. 2:") for h in headings)


@pytest.mark.django_db(transaction=True)
def test_decisions_created_at_the_same_moment_get_different_numbers(coproduction, coordinator):
    barrier = threading.Barrier(WRITERS)
    errors = []

    def create(n):
        try:
            barrier.wait()
            draft(coproduction, coordinator, question=f"Frage {n}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    numbers = sorted(Decision.objects.filter(coproduction=coproduction).values_list("number"))
    assert numbers == [(n,) for n in range(1, WRITERS + 1)]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_numbers_decisions_were_shown_with(coproduction, migrate):  # noqa: F811
    before = [("decisions", "0003_supersede_by_decided_proposal")]
    after = [("decisions", "0005_decision_number_required")]
    old = migrate(before).get_model("decisions", "Decision")
    ids = [
        old.objects.create(
            coproduction_id=coproduction.pk, question=f"Alt {n}", procedure="consensus"
        ).pk
        for n in range(3)
    ]
    migrate(after)
    numbers = dict(Decision.objects.filter(pk__in=ids).values_list("pk", "number"))
    assert numbers == {pk: pk for pk in ids}
    # New decisions continue after the highest number kept.
    assert draft(coproduction, None).number == max(ids) + 1


def test_a_side_only_draft_leaves_no_gap_in_the_numbers_the_other_side_sees(
    coproduction, coordinator, civil_member, admin_member
):
    """A number taken in secret would show the other side a gap — that something is hidden
    from it. Side-only drafts count only once they are shared."""
    first = draft(coproduction, coordinator)
    secret = draft(
        coproduction,
        admin_member.user,
        visibility="side",
        owner_side="administration",
        question="Wie weit gehen wir beim Budget?",
    )
    second = draft(coproduction, coordinator, question="Laden wir den Beirat ein?")
    assert (first.number, secret.number, second.number) == (1, None, 2)
    client = login(civil_member.user)
    log = client.get(url("list", coproduction), secure=True).content.decode()
    assert "Nr. 1<" in log and "Nr. 2<" in log and "Nr. 3" not in log
    response = client.get(url("export_csv", coproduction), secure=True)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [row[0] for row in csv.reader(io.StringIO(text), delimiter=";")][1:] == ["2", "1"]
    own = login(admin_member.user)
    page = own.get(url("decision", coproduction, secret.pk), secure=True).content.decode()
    assert "noch ohne Nr." in page
    services.decision_update(
        actor=admin_member.user,
        decision=secret,
        expected_version=secret.version,
        visibility="coproduction",
    )
    secret.refresh_from_db()
    assert secret.number == 3
