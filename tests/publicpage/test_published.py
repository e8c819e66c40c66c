"""The public page shows every kind of item that can be public — and nothing else; the
directory lists only co-productions that publish something; the feed says what happened."""

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions.models import Decision
from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from meetings import polls
from meetings.forms import PollForm
from meetings.models import Meeting, Minutes
from meetings.services import MeetingError
from structures.models import Body, PhasePlan
from tests.factories import add_member, make_coproduction, make_user, partner_on
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

ATOM = "{http://www.w3.org/2005/Atom}"
KINDS = {"public": "Öffentlich", "coproduction": "Intern", "side": "Geheim"}


def publish_everything(coproduction, label: str = "", count: int = 1):
    """One item of every kind in each visibility; texts name their visibility."""
    now = timezone.now()
    civil = partner_on(coproduction, Side.CIVIL_SOCIETY)
    for visibility, word in KINDS.items():
        side = Side.ADMINISTRATION if visibility == "side" else ""
        for n in range(count):
            tag = f"{word} {label}{n}"
            common = {"coproduction": coproduction, "visibility": visibility, "owner_side": side}
            goal = Goal.objects.create(
                **common, kind="side" if side else "joint", level="abstract", title=f"{tag} Ziel"
            )
            Demand.objects.create(**common, kind="compromise", text=f"{tag} Forderung")
            Contribution.objects.create(
                **common, partner=civil, kind="knowledge", description=f"{tag} Beitrag"
            )
            Obstacle.objects.create(**common, goal=goal, description=f"{tag} Hindernis")
            Milestone.objects.create(
                **common,
                title=f"{tag} Meilenstein",
                kind="content",
                due_date=date(2026, 3, 1),
                status="reached",
                reached_on=date(2026, 3, 2),
            )
            Body.objects.create(**common, name=f"{tag} Gremium", kind="plenary")
            number = Decision.objects.filter(coproduction=coproduction).count() + 1
            Decision.objects.create(
                **common,
                number=number,
                question=f"{tag} Entscheidung",
                procedure="consent",
                status="decided",
                outcome=f"{tag} Ergebnis",
                reasons=f"{tag} Begründung",
                decided_at=now - timedelta(days=3),
            )
            Decision.objects.create(
                **common,
                number=number + 1,
                question=f"{tag} Entwurf",
                procedure="consent",
            )
            held = Meeting.objects.create(
                **common,
                title=f"{tag} Treffen",
                starts_at=now - timedelta(days=2),
                ends_at=now - timedelta(days=2) + timedelta(hours=2),
                format="online",
                link="https://treffen.example/geheim",
            )
            Minutes.objects.create(
                meeting=held, text=f"{tag} Protokoll", status="approved", approved_at=now
            )
            draft = Meeting.objects.create(
                **common,
                title=f"{tag} Vorabend",
                starts_at=now - timedelta(days=5),
                ends_at=now - timedelta(days=5) + timedelta(hours=1),
                format="in_person",
            )
            Minutes.objects.create(meeting=draft, text=f"{tag} Rohprotokoll")
        if not PhasePlan.objects.filter(coproduction=coproduction, visibility=visibility):
            PhasePlan.objects.create(
                **common,
                phase=["problem_definition", "co_planning", "co_design"][
                    list(KINDS).index(visibility)
                ],
                civil_society_part=f"{word} {label}Phase",
            )


@pytest.fixture
def coordinator(db):
    return make_user("koordination@amt.example")


@pytest.fixture
def coproduction(coordinator):
    return make_coproduction(coordinator, name="Ernährungsstrategie Musterstadt")


def page_of(client, coproduction):
    return client.get(f"/oeffentlich/{coproduction.slug}/", secure=True)


def test_every_public_kind_appears_and_nothing_else(client, coproduction, coordinator):
    publish_everything(coproduction)
    member = add_member(coproduction, side=Side.ADMINISTRATION)
    for viewer in (None, member.user):
        if viewer:
            client.force_login(viewer)
        html = page_of(client, coproduction).content.decode()
        for what in [
            "Ziel",
            "Forderung",
            "Beitrag",
            "Hindernis",
            "Meilenstein",
            "Gremium",
            "Entscheidung",
            "Ergebnis",
            "Begründung",
            "Treffen",
            "Protokoll",
        ]:
            assert f"Öffentlich 0 {what}" in html, what
        assert "Öffentlich Phase" in html
        assert "Intern" not in html and "Geheim" not in html
        # Drafts of decisions and minutes are the partners' work, not yet the public's.
        assert "Entwurf" not in html and "Rohprotokoll" not in html
        assert "treffen.example" not in html
        assert "Umweltamt" in html and "Ernährungsrat" in html  # the partners
        assert 'class="why"' in html


def test_the_directory_lists_only_coproductions_that_publish(client, coproduction, coordinator):
    quiet = make_coproduction(coordinator, name="Stilles Projekt")
    Decision.objects.create(
        coproduction=quiet,
        number=1,
        question="Nur ein Entwurf",
        procedure="consent",
        visibility="public",
    )
    Goal.objects.create(coproduction=quiet, kind="joint", level="abstract", title="Internes Ziel")
    publish_everything(coproduction)
    html = client.get("/oeffentlich/", secure=True).content.decode()
    assert "Ernährungsstrategie Musterstadt" in html
    assert f"/oeffentlich/{coproduction.slug}/" in html
    assert "Stilles Projekt" not in html
    assert page_of(client, quiet).status_code == 404
    assert client.get(f"/oeffentlich/{quiet.slug}/neuigkeiten.atom", secure=True).status_code == 404


def test_members_of_an_unpublished_coproduction_are_told_instead_of_a_404(
    client, coproduction, coordinator
):
    assert page_of(client, coproduction).status_code == 404
    client.force_login(make_user("fremd@example.org"))
    assert page_of(client, coproduction).status_code == 404
    client.force_login(coordinator)
    response = page_of(client, coproduction)
    assert response.status_code == 200
    assert "Noch ist nichts veröffentlicht" in response.content.decode()


def test_the_feed_names_what_happened_and_only_the_public(client, coproduction):
    publish_everything(coproduction)
    response = client.get(f"/oeffentlich/{coproduction.slug}/neuigkeiten.atom", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert "Meilenstein erreicht: Öffentlich 0 Meilenstein" in titles
    assert "Entscheidung Nr. 1: Öffentlich 0 Entscheidung" in titles
    assert "Treffen: Öffentlich 0 Treffen" in titles
    body = response.content.decode()
    assert "Intern" not in body and "Geheim" not in body and "Entwurf" not in body
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert all(f"/oeffentlich/{coproduction.slug}/#" in link for link in links)
    page = page_of(client, coproduction).content.decode()
    assert all(f'id="{link.split("#")[1]}"' in page for link in links)


@pytest.mark.parametrize("path", ["", "{slug}/", "{slug}/neuigkeiten.atom"])
def test_public_pages_cost_the_same_queries_for_little_and_much(
    client, coproduction, coordinator, path, django_assert_max_num_queries
):
    publish_everything(coproduction, "a", count=1)
    url = f"/oeffentlich/{path.format(slug=coproduction.slug)}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, secure=True).status_code == 200
    publish_everything(coproduction, "b", count=8)
    for n in range(5):
        publish_everything(make_coproduction(coordinator, name=f"Noch eine {n}"))
    with django_assert_max_num_queries(len(few)):
        assert client.get(url, secure=True).status_code == 200


def test_a_scheduling_poll_cannot_be_public(coproduction, coordinator):
    form = PollForm(viewer=viewer_for(coordinator, coproduction))
    assert "public" not in [value for value, _ in form.fields["visibility"].choices]
    with pytest.raises(MeetingError) as error:
        polls.poll_create(
            actor=coordinator,
            coproduction=coproduction,
            owner_side="",
            title="Wann?",
            visibility="public",
        )
    assert error.value.field == "visibility"
