"""Crawl every page as each demo user: no side-only text of the other side ever appears, and
every Werkstatt page links the guide cards it rests on."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conflicts.models import Conflict
from decisions.models import Decision
from demo.build import SLUG, USERS, create_demo
from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from meetings.models import Meeting, SchedulePoll
from structures.models import Body
from workspaces.models import Membership

LINK = re.compile(r'href="([^"#]+)')
SKIP = (
    "/konto/logout",
    "/konto/loeschen",
    "/static/",
    "/faecher/",
    "/konto/password",
    "/konto/2fa",
)
MAX_PAGES = 400


def side_only_texts():
    """(owner side, text) of every side-only item, in all the fields a page might show."""
    for model, fields in [
        (Goal, ["title", "description"]),
        (Demand, ["text"]),
        (Milestone, ["title"]),
        (Obstacle, ["description", "remedy"]),
        (Contribution, ["description"]),
        (Body, ["name", "purpose"]),
        (Meeting, ["title"]),
        (SchedulePoll, ["title"]),
        (
            Conflict,
            [
                "title",
                "administration_position",
                "civil_society_position",
                "external_obstacles",
                "steps",
                "external_support",
                "resolution",
            ],
        ),
        (
            Decision,
            [
                "question",
                "background",
                "mandate_note",
                "outcome",
                "reasons",
                "supersede_reason",
                "consultation_override",
            ],
        ),
    ]:
        for item in model.objects.filter(visibility="side"):
            for field in fields:
                text = getattr(item, field)
                if text and len(text) > 12:
                    yield item.owner_side, text[:60]


def crawl(client, start: str) -> dict[str, str]:
    pages, queue = {}, [start]
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in pages:
            continue
        response = client.get(url, secure=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            pages[url] = ""
            continue
        html = response.content.decode()
        pages[url] = html
        for href in LINK.findall(html):
            target = urlparse(urljoin(url, href.replace("&amp;", "&")))
            path = target.path + (f"?{target.query}" if target.query else "")
            if target.netloc or not path.startswith(("/werkstatt/", "/konto/")):
                continue
            if path.startswith(SKIP) or path in pages:
                continue
            queue.append(path)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("email", list(USERS))
def test_no_page_shows_the_other_sides_private_work(client, email):
    create_demo("crawl-password-123")
    # Every mail about the demo's items failed: the coordination's list of them leaks nothing.
    failed = DBTaskResult.objects.filter(mailing__isnull=False).update(
        status="FAILED", finished_at=timezone.now(), traceback="SMTPServerDisconnected"
    )
    assert failed, "the demo's meetings and votes queue mails"
    membership = Membership.objects.select_related("partner", "user").get(
        user__email=email, coproduction__slug=SLUG
    )
    client.force_login(membership.user)
    pages = crawl(client, f"/werkstatt/{SLUG}/")
    html = "\n".join(pages.values())
    if membership.access == Membership.Access.COORDINATION:
        assert pages.get(f"/werkstatt/{SLUG}/nicht-zugestellt/"), "the failed mails are listed"
    assert len([p for p in pages.values() if p]) > 15, "the crawl should reach the whole workspace"
    side = membership.partner.side
    texts = list(side_only_texts())
    assert texts, "the demo must contain side-only items"
    for owner, text in texts:
        escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;")
        if owner == side:
            continue
        assert text not in html and escaped not in html, f"{email} saw {owner}'s side-only: {text}"
    without_cards = [
        url
        for url, page in pages.items()
        if page and url.startswith("/werkstatt/") and 'class="why"' not in page
    ]
    assert not without_cards, f"Werkstatt pages must link the cards they rest on: {without_cards}"
    own = [t for o, t in texts if o == side]
    if own:
        assert any(t in html or t.replace("&", "&amp;") in html for t in own), (
            "own side-only work should be visible to its side"
        )
