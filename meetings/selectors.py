"""Reads of meetings and polls — always through visibility (visible_to).

A meeting's body and an agenda item's conflict are prefetched through ``visible_to`` too, so a
template never shows a body or conflict its viewer may not see: a hidden one reads as None.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from conflicts.models import Conflict
from meetings.models import AgendaItem, Availability, CalendarToken, Meeting, SchedulePoll
from structures.models import Body
from workspaces.models import Membership
from workspaces.visibility import Viewer, Visibility

# A feed carries past meetings for this long, so recent ones stay in people's calendars.
FEED_PAST_DAYS = 180


def meetings_for(viewer):
    return (
        Meeting.objects.visible_to(viewer)
        .select_related("minutes")
        .prefetch_related(Prefetch("body", queryset=Body.objects.visible_to(viewer)))
    )


def meeting_detail_for(viewer):
    agenda = AgendaItem.objects.select_related("responsible__user").prefetch_related(
        Prefetch("conflict", queryset=Conflict.objects.visible_to(viewer))
    )
    return meetings_for(viewer).prefetch_related(Prefetch("agenda", queryset=agenda))


def upcoming_meetings(viewer):
    return (
        meetings_for(viewer)
        .filter(ends_at__gte=timezone.now())
        .annotate(agenda_count=Count("agenda"))
        .order_by("starts_at", "id")
    )


def past_meetings(viewer):
    return (
        meetings_for(viewer)
        .filter(ends_at__lt=timezone.now())
        .annotate(agenda_count=Count("agenda"))
        .order_by("-starts_at", "-id")
    )


def polls_for(viewer):
    return SchedulePoll.objects.visible_to(viewer)


def open_polls(viewer):
    return (
        polls_for(viewer)
        .filter(closed=False)
        .annotate(date_count=Count("dates", distinct=True))
        .order_by("-id")
    )


def dates_with_answer_counts(poll: SchedulePoll):
    """A poll's proposed dates, each with ``answer_count``: what removing it would lose."""
    return poll.dates.annotate(answer_count=Count("answers")).order_by("starts_at", "id")


def answer_count(poll: SchedulePoll) -> int:
    return Availability.objects.filter(date__poll=poll).count()


def meeting_of_poll(viewer, poll: SchedulePoll):
    """The meeting made from the poll, if there is one the viewer sees."""
    return Meeting.objects.visible_to(viewer).filter(poll=poll).only("pk", "title").first()


def body_choices(viewer):
    return Body.objects.visible_to(viewer).order_by("name")


def open_conflicts(viewer):
    """Conflicts that can go on an agenda: visible to the viewer and not resolved (card 43)."""
    return (
        Conflict.objects.visible_to(viewer).exclude(status=Conflict.Status.RESOLVED).order_by("-id")
    )


def members_of(coproduction_id: int):
    return Membership.objects.filter(
        coproduction_id=coproduction_id, left_at__isnull=True
    ).select_related("user", "partner")


def expected_members(poll: SchedulePoll):
    """Who is asked: the poll's side for a side-only poll, otherwise every active member."""
    rows = members_of(poll.coproduction_id)
    if poll.visibility == Visibility.SIDE:
        rows = rows.filter(partner__side=poll.owner_side)
    return rows.order_by("user__display_name", "id")


# Poll results --------------------------------------------------------------------------------


@dataclass
class DateResult:
    """Who can come to one proposed date, and which volunteers it leaves out (card 26)."""

    date: object
    yes: list = field(default_factory=list)
    if_need_be: list = field(default_factory=list)
    no: list = field(default_factory=list)
    silent: list = field(default_factory=list)
    volunteers_out: list = field(default_factory=list)
    past: bool = False

    @property
    def can_come(self) -> int:
        return len(self.yes) + len(self.if_need_be)

    @property
    def sort_key(self):
        # A date that has passed is never the best one, however many could have come.
        return (
            self.past,
            -self.can_come,
            -len(self.yes),
            len(self.volunteers_out),
            self.date.starts_at,
        )


def poll_results(poll: SchedulePoll) -> list[DateResult]:
    """Every date with who can come, best date first; three queries whatever the size."""
    members = list(expected_members(poll))
    answers = {}
    for row in Availability.objects.filter(date__poll=poll).values_list(
        "date_id", "membership_id", "answer"
    ):
        answers[(row[0], row[1])] = row[2]
    results = []
    now = timezone.now()
    for date in poll.dates.all():
        result = DateResult(date=date, past=date.starts_at < now)
        for member in members:
            answer = answers.get((date.pk, member.pk))
            bucket = {
                Availability.Answer.YES: result.yes,
                Availability.Answer.IF_NEED_BE: result.if_need_be,
                Availability.Answer.NO: result.no,
            }.get(answer, result.silent)
            bucket.append(member)
            if member.employment == Membership.Employment.VOLUNTEER and answer in (
                None,
                Availability.Answer.NO,
            ):
                result.volunteers_out.append(member)
        results.append(result)
    return sorted(results, key=lambda r: r.sort_key)


def best_date(results: list[DateResult]) -> DateResult | None:
    """The best date still to come, if any."""
    return results[0] if results and not results[0].past else None


def answers_of(membership, poll: SchedulePoll) -> dict[int, str]:
    if membership is None:
        return {}
    return dict(
        Availability.objects.filter(date__poll=poll, membership=membership).values_list(
            "date_id", "answer"
        )
    )


# Calendar -----------------------------------------------------------------------------------


def calendar_token_of(membership):
    return CalendarToken.objects.filter(membership=membership).first()


def _feed_membership(token: str, slug: str | None):
    rows = CalendarToken.objects.select_related(
        "membership__partner", "membership__user", "membership__coproduction"
    ).filter(token=token, membership__left_at__isnull=True)
    if slug is not None:
        rows = rows.filter(membership__coproduction__slug=slug)
    found = rows.first()
    return found.membership if found else None


def _viewer(membership) -> Viewer:
    return Viewer(
        user=membership.user,
        coproduction_id=membership.coproduction_id,
        membership=membership,
        ended=membership.coproduction.ended,
    )


def _recent(rows):
    since = timezone.now() - timezone.timedelta(days=FEED_PAST_DAYS)
    return rows.filter(ends_at__gte=since).select_related("coproduction").order_by("starts_at")


def feed_for_coproduction(token: str, slug: str):
    """The meetings of one co-production that the token's member sees, or None for a wrong
    token (also one of another co-production or of a member who left)."""
    membership = _feed_membership(token, slug)
    if membership is None:
        return None
    return membership, _recent(Meeting.objects.visible_to(_viewer(membership)))


def feed_for_person(token: str, slug: str):
    """Every meeting the token's person sees in any of their co-productions."""
    membership = _feed_membership(token, slug)
    if membership is None:
        return None
    seen = Q(pk__in=[])
    for other in Membership.objects.filter(
        user=membership.user, left_at__isnull=True
    ).select_related("partner", "coproduction"):
        visible = Meeting.objects.visible_to(_viewer(other)).values("pk")
        seen |= Q(pk__in=visible)
    return membership, _recent(Meeting.objects.filter(seen))
