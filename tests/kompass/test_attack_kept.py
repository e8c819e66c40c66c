"""Attacks on what the overview and the Check keep (history.kept): a kept report or list must
never outlive the data it was computed from, nor reach anyone who sees something else."""

from django.contrib.contenttypes.models import ContentType

from history.models import ChangeRecord
from structures.models import Body
from tests.kompass.test_kept_reports import findings, runs  # noqa: F401
from tests.kompass.test_visibility import world  # noqa: F401
from workspaces.visibility import Visibility


def _record(coproduction, item, **kwargs) -> ChangeRecord:
    return ChangeRecord.objects.create(
        coproduction=coproduction,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        object_label=str(item),
        action=ChangeRecord.Action.CREATED,
        **kwargs,
    )


def test_a_change_committed_after_a_later_numbered_one_is_seen(world, client, runs):  # noqa: F811
    """On PostgreSQL a history entry's id comes from a sequence when it is written, not when
    its transaction commits: a change numbered 11 may become visible after one numbered 12.
    The stamp must move then too, or its data stays unseen for minutes."""
    coproduction, civil_user, _ = world
    client.force_login(civil_user)
    latest = ChangeRecord.objects.filter(coproduction=coproduction).order_by("-id").first()
    # 12 committed first; 11 (written earlier, in a transaction still open) is not visible yet.
    _record(coproduction, coproduction, id=latest.pk + 2)
    assert "structures.body" in {f["rule"] for f in findings(client, coproduction)["findings"]}

    body = Body.objects.create(
        coproduction=coproduction,
        name="Steuerungsrunde",
        kind=Body.Kind.STEERING,
        visibility=Visibility.COPRODUCTION,
    )
    _record(coproduction, body, id=latest.pk + 1)  # now 11 commits, with its body
    assert "structures.body" not in {f["rule"] for f in findings(client, coproduction)["findings"]}
    assert len(runs) == 2
