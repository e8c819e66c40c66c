"""The knowledge rules read only what the viewer sees: a side's own entries settle a point
for that side alone, and a finding never counts what the other side keeps to itself."""

from datetime import timedelta

from django.utils import timezone

from knowledge import services
from kompass import check
from meetings.models import Meeting
from workspaces.selectors import viewer_for


def findings(user, coproduction) -> dict:
    report = check.run(viewer_for(user, coproduction), coproduction)
    return {f.rule.id: f.problem for f in report.open}


def meeting(coproduction, days_ago, **values):
    start = timezone.now() - timedelta(days=days_ago)
    return Meeting.objects.create(
        coproduction=coproduction,
        title=values.pop("title", f"Treffen vor {days_ago} Tagen"),
        format=Meeting.Format.IN_PERSON,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        **values,
    )


def test_a_side_only_term_settles_nothing_about_a_shared_language(
    coordinator, coproduction, civil_member
):
    services.term_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="administration",
        term="Haushaltsvorbehalt",
        explanation="Intern.",
        visibility="side",
    )
    assert "knowledge.glossary" in findings(coordinator, coproduction)
    assert "knowledge.glossary" in findings(civil_member.user, coproduction)


def test_knowledge_kept_by_one_side_settles_the_point_for_that_side_only(
    coordinator, coproduction, civil_member
):
    held = [meeting(coproduction, d) for d in (40, 30, 20)]
    services.knowledge_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="administration",
        title="Unsere Lehren aus dem Plenum",
        visibility="side",
        meetings=held[:1],
    )
    assert "knowledge.kept" not in findings(coordinator, coproduction)
    assert "knowledge.kept" in findings(civil_member.user, coproduction)


def test_the_finding_counts_only_what_the_viewer_sees(coordinator, coproduction, civil_member):
    for d in (40, 30, 20):
        meeting(coproduction, d)
    meeting(coproduction, 10, visibility="side", owner_side="administration", title="Intern")
    own = findings(coordinator, coproduction)["knowledge.kept"]
    other = findings(civil_member.user, coproduction)["knowledge.kept"]
    assert own.text.startswith("Zu 4 ") and own.side_only
    assert other.text.startswith("Zu 3 ") and not other.side_only


def test_the_rule_waits_until_enough_has_happened(coordinator, coproduction):
    meeting(coproduction, 10)
    assert "knowledge.kept" not in findings(coordinator, coproduction)
