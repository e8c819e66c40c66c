import pytest

from decisions.demo import add_demo
from decisions.models import Decision
from demo.build import SLUG, create_demo
from workspaces.models import Membership


@pytest.mark.django_db
def test_the_demo_decisions_cover_the_procedures_and_both_sides():
    coproduction = create_demo("demo-passwort-123")
    members = {
        key: Membership.objects.get(coproduction__slug=SLUG, user__email=f"{key}@demo.example")
        for key in ["initiative", "verwaltung", "moderation"]
    }
    if not Decision.objects.filter(coproduction=coproduction).exists():
        add_demo(coproduction, members)
    decisions = Decision.objects.filter(coproduction=coproduction)
    assert {"consensus", "consent", "systemic", "two_thirds", "meeting", "majority"} <= set(
        decisions.values_list("procedure", flat=True)
    )
    systemic = decisions.get(procedure="systemic")
    assert systemic.options.filter(passive=True).exists() and systemic.status == "decided"
    assert systemic.outcome == "Gewählt: In der Markthalle"
    assert decisions.filter(status="superseded").count() == 1
    assert decisions.get(supersedes__isnull=False).supersede_reason
    for side in ["civil_society", "administration"]:
        assert decisions.filter(visibility="side", owner_side=side, status="draft").exists()
    assert decisions.filter(status="voting").exclude(consultation_override="").exists()
