"""An ended co-production is a read-only archive: a round still open by its dates offers no
way to answer there (saving was only refused), and the answer page is refused."""

from django.urls import reverse

from tests.goals.conftest import login
from workspaces.models import Coproduction


def test_no_round_is_answered_in_an_ended_coproduction(coproduction, round_, civil_member):
    answer_url = reverse("reflection:answer", args=[coproduction.slug, round_.pk])
    pages = [
        reverse("reflection:round", args=[coproduction.slug, round_.pk]),
        reverse("reflection:overview", args=[coproduction.slug]),
    ]
    client = login(civil_member.user)
    assert all(answer_url in client.get(page, secure=True).content.decode() for page in pages)
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)
    for page in pages:
        assert answer_url not in client.get(page, secure=True).content.decode()
    assert client.get(answer_url, secure=True).status_code == 403
    assert client.post(answer_url, {"version": 0}, secure=True).status_code == 403
