"""The world the Kompass-Check's rule cases run in (tests/kompass/test_rules.py and each app's
``kompass_cases.py``): a civil-society coordinator with an administration partner."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from kompass import check
from meetings.models import Meeting, Minutes
from structures.models import Body
from tests.factories import add_member, make_coproduction, make_user, partner_on
from workspaces.models import Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

NOW = timezone.now()

# Decision numbers are unique per co-production; these tests create rows directly.
NUMBERS = count(1)


class World:
    """A co-production of a civil-society coordinator with an administration partner."""

    def __init__(self, **fields):
        self.user = make_user()
        self.coproduction = make_coproduction(self.user, side=Side.CIVIL_SOCIETY, **fields)
        self.me = Membership.objects.get(user=self.user)
        self.civil = self.me.partner
        self.office = partner_on(self.coproduction, Side.ADMINISTRATION)
        self.official = add_member(self.coproduction, side=Side.ADMINISTRATION)

    def open_findings(self) -> list:
        self.coproduction.refresh_from_db()  # as a new request would read it
        return check.run(viewer_for(self.user, self.coproduction), self.coproduction).open

    def open_rule_ids(self) -> set[str]:
        return {f.rule.id for f in self.open_findings()}

    def body(self, **fields):
        values = {"name": "Plenum", "kind": Body.Kind.PLENARY, **fields}
        return Body.objects.create(coproduction=self.coproduction, **values)

    def meeting(self, **fields):
        """A meeting with its (draft) minutes, as ``meetings.services.meeting_create`` makes it."""
        start = fields.pop("starts_at", NOW + timedelta(days=3))
        values = {"title": "Treffen", "format": Meeting.Format.IN_PERSON, **fields}
        meeting = Meeting.objects.create(
            coproduction=self.coproduction,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            **values,
        )
        Minutes.objects.create(meeting=meeting)
        return meeting


def update(obj, **fields):
    type(obj).objects.filter(pk=obj.pk).update(**fields)
