"""The knowledge rules' cases for tests/kompass/test_rules.py: (make the state, settle it)."""

from datetime import timedelta

from django.utils import timezone

from knowledge import services


def _term(w, **values):
    values = {"term": "Träger", "explanation": "Wer die Arbeit trägt.", **values}
    return services.term_create(
        actor=w.user, coproduction=w.coproduction, owner_side="civil_society", **values
    )


def _past_meetings(w):
    return [w.meeting(starts_at=timezone.now() - timedelta(days=d)) for d in (30, 20, 10)]


def _kept(w, meetings):
    services.knowledge_create(
        actor=w.user,
        coproduction=w.coproduction,
        owner_side="civil_society",
        title="Was wir im Plenum gelernt haben",
        meetings=meetings[:1],
    )


def _explain(w, term):
    services.term_update(
        actor=w.user,
        glossary_term=term,
        expected_version=term.version,
        plain_summary="Wer mitmacht.",
    )


CASES = {
    "knowledge.glossary": (lambda w: None, lambda w, s: _term(w)),
    "knowledge.plain-words": (lambda w: _term(w, visibility="public"), _explain),
    "knowledge.kept": (_past_meetings, _kept),
}
