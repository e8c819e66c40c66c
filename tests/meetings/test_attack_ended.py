"""An ended co-production is a read-only archive: an open poll there offers no answer form
(saving it was only refused), and a posted answer is refused."""

from django.urls import reverse

from meetings.models import Availability
from tests.goals.conftest import civil_observer, login  # noqa: F401
from tests.meetings.test_editing import _poll
from workspaces.models import Coproduction


def test_no_poll_is_answered_in_an_ended_coproduction(coproduction, coordinator, civil_observer):  # noqa: F811
    poll = _poll(coproduction, coordinator)
    page_url = reverse("meetings:poll", args=[coproduction.slug, poll.pk])
    answer_url = reverse("meetings:poll_answer", args=[coproduction.slug, poll.pk])
    # While it runs, observers answer too: it is their own time.
    assert (
        f'action="{answer_url}"'
        in login(civil_observer.user).get(page_url, secure=True).content.decode()
    )
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)
    for user in (coordinator, civil_observer.user):
        client = login(user)
        assert f'action="{answer_url}"' not in client.get(page_url, secure=True).content.decode()
        date = poll.dates.first()
        posted = client.post(answer_url, {f"date_{date.pk}": "yes"}, secure=True)
        assert posted.status_code == 403
    assert not Availability.objects.exists()
