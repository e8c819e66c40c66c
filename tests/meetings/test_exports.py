"""Agenda and minutes as Word documents (issue 9 §4): A4 with page numbers, approved minutes
marked as such, and nothing side-only of the other side in them."""

import io
from datetime import timedelta

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from conflicts.models import Conflict
from demo.build import SLUG, USERS, create_demo
from meetings import services
from meetings.models import Meeting
from tests.goals.conftest import login
from tests.test_crawl_visibility import side_only_texts
from workspaces.models import Membership

from .helpers import make_meeting

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"meetings:{name}", args=[coproduction.slug, *args])


def text_of(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def download(client, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def test_the_agenda_is_an_a4_word_document_with_page_numbers_and_points_in_order(
    coproduction, coordinator
):
    meeting = make_meeting(coproduction, coordinator, title="Plenum im Juni")
    for title in ("Begrüßung", "Haushalt"):
        services.agenda_item_add(actor=coordinator, meeting=meeting, title=title)

    content = download(login(coordinator), url("agenda_docx", coproduction, meeting.pk))

    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert "PAGE" in section.footer._element.xml  # Word numbers the pages
    text = text_of(content)
    assert text.index("Begrüßung") < text.index("Haushalt")
    assert "Tagesordnung: Plenum im Juni" in text and "Rathaus, Raum 101" in text
    assert "KoopWohl" in text


def test_minutes_say_whether_they_are_a_draft_or_approved(coproduction, coordinator):
    meeting = make_meeting(coproduction, coordinator)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(hours=22)
    )
    meeting.refresh_from_db()
    services.minutes_update(
        actor=coordinator,
        minutes=meeting.minutes,
        expected_version=1,
        text="Vereinbart: Plenum alle sechs Wochen.\n\nNächstes Mal: Haushalt.",
        attendees=[coordinator.memberships.get()],
    )
    client = login(coordinator)
    path = url("minutes_docx", coproduction, meeting.pk)
    draft = text_of(download(client, path))
    assert "Entwurf – noch nicht genehmigt" in draft and "Genehmigtes Protokoll" not in draft
    assert "Vereinbart: Plenum alle sechs Wochen." in draft

    services.minutes_approve(actor=coordinator, minutes=meeting.minutes, expected_version=2)
    approved = text_of(download(client, path))
    assert f"Genehmigtes Protokoll – genehmigt am {timezone.localdate():%d.%m.%Y}" in approved
    assert "Entwurf" not in approved


def test_a_meeting_of_another_coproduction_answers_404(coproduction, coordinator, outsider):
    meeting = make_meeting(coproduction, coordinator)
    client = login(outsider)
    for name in ("agenda_docx", "minutes_docx"):
        assert client.get(url(name, coproduction, meeting.pk), secure=True).status_code == 404


@pytest.mark.parametrize("email", list(USERS))
def test_no_word_document_shows_the_other_sides_private_work(client, email):
    create_demo("export-password-123")
    membership = Membership.objects.select_related("partner", "user").get(
        user__email=email, coproduction__slug=SLUG
    )
    # A side-only conflict of the other side must not reach a joint meeting's agenda.
    assert Conflict.objects.filter(visibility="side").exists()
    client.force_login(membership.user)
    texts = []
    for meeting in Meeting.objects.filter(coproduction__slug=SLUG):
        for name in ("agenda_docx", "minutes_docx"):
            response = client.get(url(name, meeting.coproduction, meeting.pk), secure=True)
            if response.status_code == 200:
                texts.append(text_of(response.content))
            else:
                assert response.status_code == 404
    assert texts
    documents = "\n".join(texts)
    side = membership.partner.side
    for owner, text in side_only_texts():
        if owner != side:
            assert text not in documents, f"{email} got {owner}'s side-only text: {text}"
