"""Running the Kompass-Check for one viewer: every rule over what that viewer may see.

The number of queries is the sum of the rules' few queries each plus three (partners,
members, set-asides) — it does not grow with the data. The pages keep a report until the
co-production changes (``report_for``)."""

from dataclasses import asdict, dataclass, field
from functools import partial

from guide.deck import get_deck
from history.kept import Shared, changes_at, kept
from kompass import registry
from kompass.models import SetAside
from workspaces.checking import NOW, Context, Problem, Rule

# The getting-started list of a new co-production: the first points, in the order to do them.
FIRST_STEPS = (
    "workspaces.other-side-missing",
    "workspaces.partner-without-members",
    "workspaces.partner-profile",
    "goals.own-drafts",
    "structures.body",
    "structures.body-procedure",
)


@dataclass
class Finding:
    rule: Rule
    problem: Problem
    set_aside: SetAside | None = None


@dataclass
class Chapter:
    slug: str
    title: str
    findings: list = field(default_factory=list)


@dataclass
class Report:
    open: list[Finding]
    set_aside: list[Finding]
    settled: list[Rule]

    @property
    def total(self) -> int:
        return len(self.open) + len(self.set_aside) + len(self.settled)

    @property
    def urgent(self) -> list[Finding]:
        return [f for f in self.open if f.rule.severity == NOW]

    def chapters(self) -> list[Chapter]:
        """Open findings grouped by the guide's chapter of their first card, in deck order."""
        deck = get_deck()
        groups = {c.slug: Chapter(c.slug, c.title) for c in deck.chapters}
        for finding in self.open:
            groups[deck.cards[finding.rule.cards[0]].chapter].findings.append(finding)
        return [g for g in groups.values() if g.findings]

    def first_steps(self) -> list[tuple[Rule, Finding | None]]:
        """The getting-started points with their finding (``None`` = done) while any of them
        is still open — a new co-production's Check is its getting-started list."""
        by_id = {f.rule.id: f for f in self.open + self.set_aside}
        done = {r.id for r in self.settled}
        steps = []
        for rule_id in FIRST_STEPS:
            rule = registry.get(rule_id)
            if rule is not None and (rule_id in by_id or rule_id in done):
                steps.append((rule, by_id.get(rule_id)))
        return steps if any(finding for _, finding in steps) else []

    def dump(self) -> dict:
        """The report as plain data for the shared cache: rules by id, set-asides by id."""

        def finding(f):
            return [f.rule.id, asdict(f.problem), f.set_aside.pk if f.set_aside else None]

        return {
            "open": [finding(f) for f in self.open],
            "set_aside": [finding(f) for f in self.set_aside],
            "settled": [rule.id for rule in self.settled],
        }

    @classmethod
    def load(cls, data: dict, viewer) -> "Report | None":
        """``dump`` read back for ``viewer``: the set-asides are read again through what the
        viewer may see. ``None`` if a rule or a set-aside is gone (a new release, a change)."""
        wanted = [f[2] for f in data["open"] + data["set_aside"] if f[2] is not None]
        aside = {}
        if wanted:
            rows = SetAside.objects.visible_to(viewer).select_related("created_by")
            aside = rows.in_bulk(wanted)
        ids = [f[0] for f in data["open"] + data["set_aside"]] + data["settled"]
        rules = {rule_id: registry.get(rule_id) for rule_id in ids}
        if None in rules.values() or len(aside) != len(wanted):
            return None

        def finding(rule_id, problem, aside_pk):
            return Finding(rules[rule_id], Problem(**problem), aside.get(aside_pk))

        return cls(
            open=[finding(*f) for f in data["open"]],
            set_aside=[finding(*f) for f in data["set_aside"]],
            settled=[rules[rule_id] for rule_id in data["settled"]],
        )

    def cards_to_read(self, limit: int = 4) -> list[tuple[int, str]]:
        """The first card of the most urgent open points: what to read now."""
        seen, out = set(), []
        for finding in self.open:
            number = finding.rule.cards[0]
            if number not in seen:
                seen.add(number)
                out.append((number, finding.rule.title))
        return out[:limit] or [(46, "Nehmt euch regelmäßig Zeit für Reflexion.")]


def run(viewer, coproduction, *, now=None) -> Report:
    ctx = Context(viewer=viewer, coproduction=coproduction, **({"now": now} if now else {}))
    aside = {}
    for row in SetAside.objects.visible_to(viewer).select_related("created_by"):
        aside.setdefault((row.rule_id, row.fingerprint), row)
    open_, set_aside, settled = [], [], []
    for rule in registry.all_rules():
        if not rule.concerns(ctx):
            continue
        problem = rule.check(ctx)
        if problem is None:
            settled.append(rule)
            continue
        row = aside.get((rule.id, problem.fingerprint))
        (set_aside if row else open_).append(Finding(rule, problem, row))
    if ctx.horizon is not None:
        changes_at(ctx.horizon)
    return Report(open=open_, set_aside=set_aside, settled=settled)


def report_for(viewer, coproduction) -> Report:
    """``run`` for the pages, kept until the co-production changes or a rule's answer changes
    by the clock (``history.kept``). A report depends on the viewer only through what they may
    see and do — their side and access — so members of one side with the same access share it,
    across processes too (the worker computes it after each change, ``kompass.tasks``)."""
    parts = ("report", viewer.side, viewer.membership.access, viewer.ended)
    shared = Shared(Report.dump, lambda data: Report.load(data, viewer))
    return kept(
        coproduction,
        parts,
        partial(run, viewer, coproduction),
        ballots=False,
        clocked=True,
        shared=shared,
    )


def finding_for(viewer, coproduction, rule_id: str) -> Finding | None:
    """The one finding of ``rule_id`` as this viewer sees it now, or ``None`` if settled."""
    rule = registry.get(rule_id)
    if rule is None:
        return None
    ctx = Context(viewer=viewer, coproduction=coproduction)
    if not rule.concerns(ctx):
        return None
    problem = rule.check(ctx)
    return Finding(rule, problem) if problem else None
