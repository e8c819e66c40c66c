"""Hand-computed examples for every procedure."""

from decisions.tallies import Ballot, consensus, consent, majority, meeting, systemic, tally


def b(voter, choice="", reason="", **resistance):
    return Ballot(voter=voter, choice=choice, reason=reason, resistance=resistance)


def counts(result):
    return {row["choice"]: row["count"] for row in result["counts"]}


def test_consensus_passes_with_agreement_concerns_and_standing_aside():
    result = consensus(
        [b("A", "agree"), b("B", "concerns", "teuer"), b("C", "stand_aside"), b("D", "agree")]
    )
    assert result["passed"] is True
    assert counts(result) == {"agree": 2, "concerns": 1, "stand_aside": 1, "veto": 0}
    assert "Konsens erreicht" in result["explanation"]
    assert result["remarks"] == [
        {"voter": "B", "choice": "Zustimmung mit Bedenken", "reason": "teuer"}
    ]


def test_one_veto_blocks_consensus_and_is_named():
    result = consensus([b("A", "agree")] * 9 + [b("Zoe", "veto", "Rote Linie")])
    assert result["passed"] is False
    assert result["vetoes"] == ["Zoe"]
    assert result["decided_by"] == "Veto von Zoe"
    assert "Veto" in result["explanation"]


def test_consensus_without_votes_decides_nothing():
    result = consensus([])
    assert result["passed"] is False and "Niemand hat abgestimmt" in result["explanation"]


def test_consent_passes_unless_a_reasoned_objection_remains():
    assert consent([b("A", "agree"), b("B", "concerns", "knapp")])["passed"] is True
    blocked = consent([b("A", "agree"), b("B", "objection", "Verstößt gegen Haushaltsrecht")])
    assert blocked["passed"] is False and blocked["objections"] == ["B"]
    unreasoned = consent([b("A", "agree"), b("B", "objection", "  ")])
    assert unreasoned["passed"] is True
    assert unreasoned["unreasoned_objections"] == ["B"]
    assert "ohne Begründung" in unreasoned["explanation"]


def test_simple_majority_with_abstentions_ignored_or_counted_as_no():
    votes = [b("A", "yes"), b("B", "yes"), b("C", "yes"), b("D", "no"), b("E", "abstain")] + [
        b("F", "abstain")
    ]
    ignored = majority(votes, abstentions="ignored")
    assert ignored["passed"] is True and ignored["counted"] == 4  # 3 yes > 1 no
    against = majority(votes, abstentions="against")
    assert against["passed"] is False and against["counted"] == 6  # 3 yes vs 3 against
    assert "Enthaltungen zählen wie Nein" in against["explanation"]


def test_a_tie_is_no_majority():
    assert majority([b("A", "yes"), b("B", "no")])["passed"] is False


def test_two_thirds_needs_at_least_two_thirds_of_the_counted_votes():
    two_of_three = [b("A", "yes"), b("B", "yes"), b("C", "no"), b("D", "abstain")]
    assert majority(two_of_three, two_thirds=True)["passed"] is True  # 2/3 exactly
    assert majority(two_of_three, two_thirds=True, abstentions="against")["passed"] is False
    five_of_eight = [b(str(i), "yes") for i in range(5)] + [b(f"n{i}", "no") for i in range(3)]
    assert majority(five_of_eight, two_thirds=True)["passed"] is False  # 5/8 < 2/3


def test_quorum_is_the_minimum_number_of_votes_cast_abstentions_included():
    votes = [b("A", "yes"), b("B", "abstain")]
    assert majority(votes, quorum=3)["passed"] is False
    assert majority(votes, quorum=3)["decided_by"] == "Nicht beschlussfähig"
    assert majority(votes, quorum=2)["passed"] is True


OPTIONS = [
    {"key": "1", "label": "Rathaus", "passive": False},
    {"key": "2", "label": "Markthalle", "passive": False},
    {"key": "3", "label": "Alles bleibt", "passive": True},
]


def test_systemic_lowest_resistance_wins_with_group_acceptance():
    ballots = [
        Ballot("A", resistance={"1": 2, "2": 5, "3": 10}),
        Ballot("B", resistance={"1": 4, "2": 0, "3": 8}),
        Ballot("C", resistance={"1": 0, "2": 6, "3": 9}),
    ]
    result = systemic(OPTIONS, ballots)
    totals = {o["label"]: (o["total"], o["acceptance"]) for o in result["options"]}
    # Rathaus 6 → 1 − 6/30 = 80 %; Markthalle 11 → 63.3 %; passive 27 → 10 %
    assert totals == {"Rathaus": (6, 80.0), "Markthalle": (11, 63.3), "Alles bleibt": (27, 10.0)}
    assert result["winner"] == "1" and result["passed"] is True
    assert "Rathaus" in result["explanation"] and "80,0 %" in result["explanation"]


def test_systemic_tie_goes_to_the_passive_option_then_to_the_earlier_one():
    tie_with_passive = [Ballot("A", resistance={"1": 3, "2": 5, "3": 3})]
    result = systemic(OPTIONS, tie_with_passive)
    assert result["winner"] == "3" and result["passed"] is False
    assert "Passivlösung" in result["explanation"] and "bleibt" in result["explanation"]
    tie_without = [Ballot("A", resistance={"1": 4, "2": 4, "3": 9})]
    result = systemic(OPTIONS, tie_without)
    assert result["winner"] == "1" and "früher genannte" in result["explanation"]


def test_meeting_records_the_counts_from_the_minutes():
    result = meeting(yes=7, no=2, abstain=1, passed=True)
    assert counts(result) == {"yes": 7, "no": 2, "abstain": 1}
    assert result["passed"] is True and result["voters"] == 10
    assert "laut Protokoll" in result["explanation"]


def test_tally_dispatches_by_procedure():
    assert tally("two_thirds", [b("A", "yes")])["procedure"] == "two_thirds"
    assert tally("systemic", [], options=OPTIONS)["winner"] is None
