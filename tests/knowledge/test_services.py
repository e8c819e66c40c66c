"""Services of the knowledge archive and the glossary: rules, links, history, versions and
the files that go with the rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from goals import services as goals
from history.services import history_for
from knowledge import services
from knowledge.models import GlossaryTerm, KnowledgeItem
from knowledge.services import KnowledgeError
from tests.factories import make_coproduction, make_goal, make_user
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError

from .conftest import EXE, PDF


def pdf(name="Bericht.pdf"):
    return SimpleUploadedFile(name, PDF)


def create(coordinator, coproduction, **values):
    values = {"title": "Wer kennt wen", "owner_side": "administration", **values}
    return services.knowledge_create(actor=coordinator, coproduction=coproduction, **values)


def files(media):
    return (
        sorted(p.name for p in (media / "wissen").iterdir()) if (media / "wissen").exists() else []
    )


def test_a_document_is_stored_under_a_random_name_with_its_history(
    coordinator, coproduction, media
):
    item = create(coordinator, coproduction, kind="document", upload=pdf("../../Übergabe.pdf"))
    assert item.file_name == "Übergabe.pdf" and item.file_type == "pdf"
    assert item.file.name.startswith("wissen/") and "Übergabe" not in item.file.name
    assert files(media) == [item.file.name.split("/")[1]]
    assert history_for(item).get().changes["file_name"] == [None, "Übergabe.pdf"]


def test_a_refused_file_stores_nothing(coordinator, coproduction, media):
    with pytest.raises(WorkspaceError) as refused:
        create(coordinator, coproduction, kind="document", upload=SimpleUploadedFile("x.pdf", EXE))
    assert refused.value.field == "file"
    assert files(media) == [] and not KnowledgeItem.objects.exists()


def test_a_failed_transaction_removes_the_file_it_stored(coordinator, coproduction, media):
    other = make_coproduction(make_user())
    goal = make_goal(other)
    with pytest.raises(KnowledgeError):
        create(coordinator, coproduction, kind="document", upload=pdf(), goals=[goal])
    assert files(media) == []


def test_kinds_need_what_makes_them(coordinator, coproduction):
    with pytest.raises(KnowledgeError, match="Adresse"):
        create(coordinator, coproduction, kind="link")
    with pytest.raises(KnowledgeError, match="Datei"):
        create(coordinator, coproduction, kind="document")
    with pytest.raises(KnowledgeError, match="Dokument"):
        create(coordinator, coproduction, kind="note", upload=pdf())


def test_deleting_an_item_deletes_its_file_once_committed(
    coordinator, coproduction, media, django_capture_on_commit_callbacks
):
    item = create(coordinator, coproduction, kind="document", upload=pdf())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.knowledge_delete(actor=coordinator, item=item, expected_version=item.version)
    assert len(files(media)) == 1, "nothing is removed before the commit"
    for callback in callbacks:
        callback()
    assert files(media) == []


def test_a_new_file_replaces_the_old_one(
    coordinator, coproduction, media, django_capture_on_commit_callbacks
):
    item = create(coordinator, coproduction, kind="document", upload=pdf())
    old = item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.knowledge_update(
            actor=coordinator, item=item, expected_version=item.version, upload=pdf("Neu.pdf")
        )
    item.refresh_from_db()
    assert item.file.name != old and item.file_name == "Neu.pdf"
    assert files(media) == [item.file.name.split("/")[1]]


def test_a_stale_edit_is_refused(coordinator, coproduction):
    item = create(coordinator, coproduction)
    services.knowledge_update(actor=coordinator, item=item, expected_version=1, title="Neu")
    with pytest.raises(StaleEdit):
        services.knowledge_update(actor=coordinator, item=item, expected_version=1, title="Alt")


def test_a_side_only_goal_is_linked_only_by_that_sides_side_only_knowledge(
    coordinator, coproduction
):
    goal = make_goal(coproduction, side="administration")
    with pytest.raises(KnowledgeError, match="sieht nur eine Seite"):
        create(coordinator, coproduction, goals=[goal])
    item = create(coordinator, coproduction, goals=[goal], visibility="side")
    assert list(item.goals.all()) == [goal]
    with pytest.raises(KnowledgeError):
        services.knowledge_update(
            actor=coordinator, item=item, expected_version=item.version, visibility="coproduction"
        )


def test_a_shared_goal_named_by_shared_knowledge_stays_shared(coordinator, coproduction):
    goal = make_goal(coproduction, side="administration", visibility="coproduction")
    create(coordinator, coproduction, goals=[goal])
    with pytest.raises(WorkspaceError, match="Wissen"):
        goals.goal_update(
            actor=coordinator, goal=goal, expected_version=goal.version, visibility="side"
        )


def test_links_are_recorded_in_the_history(coordinator, coproduction):
    goal = make_goal(coproduction)
    item = create(coordinator, coproduction)
    services.knowledge_update(actor=coordinator, item=item, expected_version=1, goals=[goal])
    change = history_for(item).first().changes["links"]
    assert change[0] == [] and change[1][0]["label"] == f"Ziel: {goal.title}"


def test_a_term_is_explained_once_among_what_its_side_sees(coordinator, coproduction):
    c = dict(actor=coordinator, coproduction=coproduction, explanation="…")
    services.term_create(**c, owner_side="civil_society", term="Träger", visibility="side")
    services.term_create(**c, owner_side="administration", term="Träger")  # the other side's
    with pytest.raises(KnowledgeError, match="gibt es schon"):
        services.term_create(**c, owner_side="administration", term="träger")
    assert GlossaryTerm.objects.count() == 2


def test_a_meeting_or_draft_decision_named_by_shared_knowledge_stays_shared(
    coordinator, coproduction
):
    from datetime import timedelta

    from django.utils import timezone

    from decisions import services as decisions
    from meetings import services as meetings
    from meetings.models import Meeting

    start = timezone.now() + timedelta(days=3)
    meeting = Meeting.objects.create(
        coproduction=coproduction,
        owner_side="administration",
        title="Amtsrunde",
        format="in_person",
        place="Rathaus",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    decision = decisions.decision_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="administration",
        question="Nehmen wir teil?",
        procedure="consensus",
        visibility="side",
    )
    decisions.decision_update(
        actor=coordinator, decision=decision, expected_version=1, visibility="coproduction"
    )
    create(coordinator, coproduction, meetings=[meeting], decisions=[decision])
    with pytest.raises(WorkspaceError, match="Wissensarchiv"):
        meetings.meeting_update(
            actor=coordinator, meeting=meeting, expected_version=1, visibility="side"
        )
    with pytest.raises(WorkspaceError, match="Wissensarchiv"):
        decisions.decision_update(
            actor=coordinator, decision=decision, expected_version=2, visibility="side"
        )
