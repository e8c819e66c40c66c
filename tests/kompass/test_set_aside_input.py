"""A reason to set a point aside that is refused comes back with the Check's page: the message
beside its form, the form open and the text as it was typed; nothing is saved."""

import pytest
from django.utils.html import escape

from kompass.models import SetAside
from tests.factories import make_coproduction, make_user
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "reason, message",
    [
        ("Erst nach dem Plenum\x00", "unzulässiges Steuerzeichen"),
        ("Weil " + "sehr " * 500, "Höchstens"),
    ],
)
def test_a_refused_reason_is_kept_and_explained_beside_its_form(client, reason, message):
    coordinator = make_user()
    coproduction = make_coproduction(coordinator, side=Side.CIVIL_SOCIETY)
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/kompass/goals.own-drafts/bewusst-offen/"
    response = client.post(url, {"reason": reason}, secure=True)
    assert response.status_code == 400
    page = response.content.decode()
    form = page[page.index('<li id="goals.own-drafts"') :]
    form = form[: form.index("</li>\n")]
    assert '<details class="set-aside" open>' in form
    assert message in form
    assert 'aria-invalid="true"' in form
    assert f">{escape(reason)}</textarea>" in form
    assert not SetAside.objects.exists()
