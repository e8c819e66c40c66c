"""Crawl every page as each demo user: every page answers, no side-only text of the other side
ever appears, and every Werkstatt page links the guide cards it rests on."""

import io
import re
from smtplib import SMTPServerDisconnected
from urllib.parse import urljoin, urlparse

import docx
import pytest

from actors.models import Actor
from conflicts.models import Conflict
from decisions.models import Decision
from demo.build import SLUG, USERS, create_demo
from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from handover.models import Handover
from knowledge.models import GlossaryTerm, KnowledgeItem
from meetings.models import Meeting, Minutes, SchedulePoll
from reflection.models import Consequence, Evaluation
from resources.models import Funding, Position
from structures.models import Body
from tests.tasks import give_up_every_mail
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


def side_only_texts(visibility="side"):
    """(owner side, text) of every item of ``visibility`` (side-only unless told), in all the
    fields a page might show."""
    for model, fields in [
        (Goal, ["title", "description"]),
        (Demand, ["text"]),
        (Milestone, ["title"]),
        (Obstacle, ["description", "remedy"]),
        (Contribution, ["description"]),
        (Body, ["name", "purpose"]),
        (Handover, ["note"]),
        (Meeting, ["title"]),
        (Position, ["title", "tasks", "handover"]),
        (Funding, ["title", "conditions", "reporting", "dependency", "follow_up_note"]),
        (SchedulePoll, ["title"]),
        (Consequence, ["text"]),
        (Evaluation, ["text"]),
        (KnowledgeItem, ["title", "text", "url", "file_name"]),
        (GlossaryTerm, ["term", "explanation", "plain_summary"]),
        (
            Actor,
            ["name", "role", "why_join", "tasks", "channel", "may_decide", "dependencies"],
        ),
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
        for item in model.objects.filter(visibility=visibility):
            for field in fields:
                text = getattr(item, field)
                if text and len(text) > 12:
                    yield item.owner_side, text[:60]


def export_text(response) -> str:
    """The text of a download (CSV, calendar, Word): exports must not leak either."""
    kind = response.get("Content-Type", "")
    if "wordprocessingml" in kind:
        document = docx.Document(io.BytesIO(response.getvalue()))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if "text/calendar" in kind:  # unfold lines, undo the escaping of , ; \
        text = response.getvalue().decode().replace("\r\n ", "")
        return re.sub(r"\\([,;\\])", r"\1", text)
    if "text/csv" in kind:
        return response.getvalue().decode("utf-8-sig")
    return ""


def crawl(
    client,
    start: str,
    prefixes=("/werkstatt/", "/konto/"),
    exports: dict | None = None,
    statuses: dict | None = None,
) -> dict[str, str]:
    """HTML of every page reachable from ``start``; the text of downloads goes to ``exports``,
    what each address answered to ``statuses`` (the status, and where a redirect leads)."""
    pages, queue = {}, [start]
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in pages:
            continue
        response = client.get(url, secure=True)
        if statuses is not None:
            statuses[url] = (response.status_code, response.get("Location", ""))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            pages[url] = ""
            if exports is not None and response.status_code == 200:
                exports[url] = export_text(response)
            continue
        html = response.content.decode()
        pages[url] = html
        for href in LINK.findall(html):
            target = urlparse(urljoin(url, href.replace("&amp;", "&")))
            path = target.path + (f"?{target.query}" if target.query else "")
            if target.netloc or not path.startswith(prefixes):
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
    failed = give_up_every_mail(SMTPServerDisconnected("Connection unexpectedly closed"))
    assert failed, "the demo's meetings and votes queue mails"
    membership = Membership.objects.select_related("partner", "user").get(
        user__email=email, coproduction__slug=SLUG
    )
    client.force_login(membership.user)
    exports, statuses = {}, {}
    pages = crawl(client, f"/werkstatt/{SLUG}/", exports=exports, statuses=statuses)
    # Every link a demo user is offered answers: a page or a download — or, where the domain
    # refuses (a body that decisions name is not deleted), a way back to the item with the reason.
    broken = {
        url: answer
        for url, answer in statuses.items()
        if answer[0] != 200
        and not (answer[0] == 302 and answer[1].startswith(f"/werkstatt/{SLUG}/"))
    }
    assert not broken, f"{email} was offered links that do not answer: {broken}"
    assert [u for u in exports if u.endswith(".docx")], "meeting and decision exports are read"
    assert [u for u in exports if u.endswith(".csv")], "the Beschlussbuch CSV is read"
    html = "\n".join([*pages.values(), *exports.values()])
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


def not_public_texts():
    """Texts of everything the public must not read: side-only and members-only items, and
    minutes that are not approved or belong to a meeting that is not public."""
    texts = [text for _, text in side_only_texts()]
    texts += [text for _, text in side_only_texts("coproduction")]
    hidden_minutes = Minutes.objects.exclude(status="approved", meeting__visibility="public")
    texts += [m.text[:60] for m in hidden_minutes if len(m.text) > 12]
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize("email", [None, *USERS])
def test_the_public_pages_and_feeds_show_only_what_is_public(client, email):
    """As anyone (members included, the public page is the same for all): the directory, each
    public page and its feed carry no side-only or members-only text."""
    create_demo("crawl-password-123")
    if email:
        client.force_login(Membership.objects.get(user__email=email).user)
    statuses = {}
    pages = crawl(client, "/oeffentlich/", prefixes=("/oeffentlich/",), statuses=statuses)
    assert {answer for answer, _ in statuses.values()} == {200}, statuses
    public_pages = [url for url, page in pages.items() if page and url != "/oeffentlich/"]
    assert public_pages, "the demo publishes something: the directory must lead to it"
    assert all('class="why"' in pages[url] for url in public_pages)
    feeds = [
        client.get(f"{url.split('?')[0]}neuigkeiten.atom", secure=True) for url in public_pages
    ]
    assert all(feed.status_code == 200 for feed in feeds)
    published = "\n".join([*pages.values(), *(feed.content.decode() for feed in feeds)])
    # The demo publishes a held meeting with approved minutes and a decision taken.
    assert "Auftakt-Plenum" in published and "Die Einladung kommt zwei Wochen" in published
    assert "von Juni bis August nur alle zwei Monate" in published
    texts = not_public_texts()
    assert texts, "the demo must contain items the public may not see"
    for text in texts:
        escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;")
        assert text not in published and escaped not in published, f"public page shows: {text}"
