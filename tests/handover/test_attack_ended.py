"""An ended co-production is a read-only archive: the two people of a handover get no form to
tick, add or sign there either (each would only be refused), and a posted one is refused."""

from django.urls import reverse

from tests.goals.conftest import login
from tests.handover.test_views import create
from workspaces.models import Coproduction


def test_the_two_people_work_on_no_handover_of_an_ended_coproduction(
    coproduction, civil_member, civil_successor
):
    handover = create(civil_member, civil_successor)
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)
    client = login(civil_successor.user)
    page = client.get(
        reverse("handover:handover", args=[coproduction.slug, handover.pk]), secure=True
    )
    html = page.content.decode()
    assert page.status_code == 200
    for name, args in [
        ("item_add", [handover.pk]),
        ("item_tick", [handover.pk, handover.items.first().pk]),
        ("sign", [handover.pk]),
    ]:
        action = reverse(f"handover:{name}", args=[coproduction.slug, *args])
        assert f'action="{action}"' not in html, name
        assert (
            client.post(action, {"text": "Schlüssel", "version": 1}, secure=True).status_code == 403
        )
    assert handover.items.count() == 4
