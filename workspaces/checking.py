"""The vocabulary of the Kompass-Check: what a rule is and how it reports what is unsettled.

Each feature app declares the rules about its own data in ``<app>/kompass_rules.py`` (a list
``RULES``); the Kompass-Check (the top app ``kompass``) collects them. A rule only ever reads
through ``visible_to(viewer)`` (or data every member sees), so it never knows more than the
person looking: a finding about a side-only item reaches that side only, and its text names
nothing else.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from types import SimpleNamespace

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from accounts.names import display_name
from workspaces.models import Membership, Partner
from workspaces.visibility import Viewer, Visibility

NOW = "jetzt klären"
SOON = "bald klären"
HINT = "Hinweis"
SEVERITIES = (NOW, SOON, HINT)
# How many concrete things a finding names before it says "und N weitere".
NAMED = 3


@dataclass(frozen=True)
class Problem:
    """What a rule found: the explanation naming the concrete thing, where it is settled, and
    the state it saw (``state``: set aside, a finding comes back when this changes)."""

    text: str
    url: str
    state: str
    # True when the text or state rests on something only the viewer's side may see.
    side_only: bool = False

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.state.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Rule:
    """One point of the Kompass-Check: id, German title, the cards it rests on, severity, and
    ``check`` — the condition over the workspace's data, returning a ``Problem`` or ``None``
    when the point is settled. ``applies`` says whether the point concerns this co-production
    (and this viewer) at all; points that do not apply count neither as open nor as settled."""

    id: str
    title: str
    cards: tuple[int, ...]
    severity: str
    check: Callable[["Context"], Problem | None]
    applies: Callable[["Context"], bool] = field(default=lambda ctx: True)
    # An ended co-production is a read-only archive: only points about its ending concern it.
    after_end: bool = False

    def concerns(self, ctx: "Context") -> bool:
        if ctx.coproduction.ended and not self.after_end:
            return False
        return self.applies(ctx)

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.id}: unknown severity {self.severity!r}")
        if not self.cards:
            raise ValueError(f"{self.id}: a rule rests on at least one card")


@dataclass(frozen=True)
class Member:
    """An active member as the rules read one (``Context.members``), named as everywhere. Read
    as values: a fresh Check reads every active member (600 at the bench's xl level), and a
    membership with its person and partner as model instances cost 25 µs of CPU each."""

    pk: int
    version: int
    partner_id: int
    partner_side: str
    access: str
    employment: str
    availability: str
    roles: list
    user_id: int | None
    user_display_name: str | None
    user_email: str | None

    def __str__(self) -> str:
        if self.user_id is None:
            return display_name(None)
        person = SimpleNamespace(display_name=self.user_display_name, email=self.user_email)
        return display_name(person)


# Member's fields in their order, as ``values_list`` reads them.
MEMBER_FIELDS = (
    "pk",
    "version",
    "partner_id",
    "partner__side",
    "access",
    "employment",
    "availability",
    "roles",
    "user_id",
    "user__display_name",
    "user__email",
)


@dataclass
class Context:
    """What every rule may read: the viewer, their co-production and today. Partners and
    active members (every member sees them) are read once for all rules.

    A rule reads the time of day only through ``passed`` and ``not_passed``, which note when
    their answer changes next (``horizon``): a report is kept until then (``history.kept``).
    ``today`` moves at midnight, when nothing is kept any longer anyway."""

    viewer: Viewer
    coproduction: object
    # Looked up when a Check runs (tests move the clock through ``timezone.now``).
    now: datetime = field(default_factory=lambda: timezone.now())
    # Answers several rules share, computed once per run (keys: "<app>.<name>").
    memo: dict = field(default_factory=dict)
    # The earliest moment a rule's answer changes by the clock alone; None: not before midnight.
    horizon: datetime | None = None

    @cached_property
    def today(self) -> date:
        return timezone.localdate(self.now)

    @cached_property
    def partners(self) -> list:
        return list(Partner.objects.filter(coproduction=self.coproduction, left_at__isnull=True))

    @cached_property
    def members(self) -> list["Member"]:
        rows = Membership.objects.filter(coproduction=self.coproduction, left_at__isnull=True)
        return [Member(*row) for row in rows.values_list(*MEMBER_FIELDS)]

    def passed(self, rows: QuerySet, field_name: str, by: timedelta = timedelta(0)) -> QuerySet:
        """The rows whose ``field_name`` (a moment) lies more than ``by`` in the past."""
        self._watch(rows, field_name, by)
        return rows.filter(**{f"{field_name}__lt": self.now - by})

    def not_passed(self, rows: QuerySet, field_name: str, by: timedelta = timedelta(0)) -> QuerySet:
        """The rows whose ``field_name`` lies ahead or at most ``by`` in the past."""
        self._watch(rows, field_name, by)
        return rows.filter(**{f"{field_name}__gte": self.now - by})

    def _watch(self, rows: QuerySet, field_name: str, by: timedelta) -> None:
        """Note when the next of ``rows`` passes: the earliest moment not yet passed, plus
        ``by`` (one query)."""
        ahead = rows.filter(**{f"{field_name}__gte": self.now - by})
        first = ahead.aggregate(first=Min(field_name))["first"]
        if first is not None and (self.horizon is None or first + by < self.horizon):
            self.horizon = first + by

    @property
    def sides(self) -> set[str]:
        return {p.side for p in self.partners}

    def url(self, name: str, *args) -> str:
        return _reverse(name, (self.coproduction.slug, *args))


@functools.lru_cache(maxsize=4096)
def _reverse(name: str, args: tuple) -> str:
    # A dozen rules link the same few pages on every run of the Check.
    return reverse(name, args=args)


def names(labels: list[str], total: int) -> str:
    """„A“, „B“ und „C“ — or „A“, „B“, „C“ und 4 weitere."""
    quoted = [f"„{label}“" for label in labels[:NAMED]]
    rest = total - len(quoted)
    if rest > 0:
        return ", ".join(quoted) + f" und {rest} weitere"
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " und " + quoted[-1]


def unsettled(
    rows: QuerySet,
    *,
    one: str,
    many: str,
    url: str | Callable,
    label: Callable = str,
    side_field: str | None = "visibility",
) -> Problem | None:
    """A problem about the rows of ``rows`` (a queryset the viewer may see), or ``None`` when
    there are none. ``one``/``many`` hold ``{names}`` (and ``{count}``); ``url`` is where it is
    settled — a callable gets the single row when there is only one. Two queries, however many
    rows: one aggregate, one for the few that are named."""
    summary = rows.aggregate(
        count=Count("pk"),
        keys=Sum("pk"),
        versions=Sum("version"),
        **({"side": Count("pk", filter=Q(**{side_field: Visibility.SIDE}))} if side_field else {}),
    )
    count = summary["count"]
    if not count:
        return None
    shown = list(rows.order_by("pk")[:NAMED])
    text = (one if count == 1 else many).format(
        names=names([label(row) for row in shown], count), count=count
    )
    target = url(shown[0] if count == 1 else None) if callable(url) else url
    state = f"{count}:{summary['keys']}:{summary['versions']}"
    return Problem(text=text, url=target, state=state, side_only=bool(summary.get("side")))


def about_people(
    people: list, *, one: str, many: str, url: str, label: Callable = str
) -> Problem | None:
    """A problem naming members or partners (every member may see them all)."""
    if not people:
        return None
    text = (one if len(people) == 1 else many).format(
        names=names([label(p) for p in people[:NAMED]], len(people)), count=len(people)
    )
    state = ",".join(f"{p.pk}.{p.version}" for p in sorted(people, key=lambda p: p.pk))
    return Problem(text=text, url=url, state=state)
