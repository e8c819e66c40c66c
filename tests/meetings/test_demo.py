"""The demo meetings, crawled as each demo user: the other side's internal meetings never show,
and every page links the cards it rests on."""

import pytest

from demo.build import SLUG, USERS, create_demo
from meetings.models import Meeting
from tests.test_crawl_visibility import crawl
from workspaces.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The demo co-production; create_demo adds the meetings through meetings.demo.add_demo."""
    return create_demo("crawl-password-123")


@pytest.mark.parametrize("email", list(USERS))
def test_no_meeting_page_shows_the_other_sides_internal_meetings(client, demo, email):
    membership = Membership.objects.select_related("partner", "user").get(
        user__email=email, coproduction=demo
    )
    client.force_login(membership.user)
    pages = crawl(client, f"/werkstatt/{SLUG}/treffen/")
    assert len([p for p in pages.values() if p]) > 8
    html = "\n".join(pages.values())
    private = Meeting.objects.filter(visibility="side")
    assert private.count() == 2
    for meeting in private:
        seen = meeting.title in html
        assert seen == (meeting.owner_side == membership.partner.side), (email, meeting.title)
    without_cards = [
        url
        for url, page in pages.items()
        if page and url.startswith("/werkstatt/") and 'class="why"' not in page
    ]
    assert not without_cards
