"""A finding is set aside once: a second "Bewusst offen" (a double click, two coordinators at
the same moment) is refused, so that "Wieder öffnen" really opens it again."""

import pytest

from kompass import check, services
from kompass.models import SetAside
from tests.factories import make_coproduction, make_user
from workspaces.selectors import viewer_for
from workspaces.services import WorkspaceError
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db

RULE = "goals.own-drafts"


def test_setting_a_finding_aside_twice_is_refused_and_reopening_opens_it(client):
    user = make_user()
    coproduction = make_coproduction(user, side=Side.CIVIL_SOCIETY)
    viewer = viewer_for(user, coproduction)
    client.force_login(user)
    base = f"/werkstatt/{coproduction.slug}/kompass/"
    for reason in ["Erst nach der Mitgliederversammlung.", "Doppelt abgeschickt."]:
        client.post(f"{base}{RULE}/bewusst-offen/", {"reason": reason}, secure=True)
    assert SetAside.objects.count() == 1
    with pytest.raises(WorkspaceError, match="schon bewusst offen"):
        services.finding_set_aside(
            actor=user, viewer=viewer, coproduction=coproduction, rule_id=RULE, reason="Noch mal"
        )

    row = check.run(viewer, coproduction).set_aside[0].set_aside
    client.post(f"{base}bewusst-offen/{row.pk}/aufheben/", secure=True)
    assert RULE in {f.rule.id for f in check.run(viewer, coproduction).open}
