"""Properties of the tallies that must hold for any votes (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.tallies import CHOICES, Ballot, consensus, systemic, tally

# No deadline: a wall-clock limit fails at random on a busy machine (tests never assert time).
settings.register_profile("no_deadline", deadline=None)
settings.load_profile("no_deadline")

names = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@st.composite
def systemic_case(draw):
    n = draw(st.integers(min_value=2, max_value=5))
    passive = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=n - 1)))
    options = [{"key": str(i), "label": f"Option {i}", "passive": i == passive} for i in range(n)]
    points = st.integers(min_value=0, max_value=10)
    ballots = draw(
        st.lists(
            st.builds(
                lambda voter, pts: Ballot(voter=voter, resistance=dict(enumerate(pts))),
                names,
                st.lists(points, min_size=n, max_size=n),
            ),
            min_size=1,
            max_size=8,
        )
    )
    ballots = [
        Ballot(b.voter, resistance={str(k): v for k, v in b.resistance.items()}) for b in ballots
    ]
    return options, ballots


@given(systemic_case())
def test_a_voter_without_any_resistance_never_changes_the_systemic_winner(case):
    options, ballots = case
    before = systemic(options, ballots)["winner"]
    calm = Ballot("neu", resistance={o["key"]: 0 for o in options})
    assert systemic(options, [*ballots, calm])["winner"] == before


def ballots_for(procedure):
    reasons = st.sampled_from(["", "weil", "zu teuer"])
    return st.lists(
        st.builds(Ballot, voter=names, choice=st.sampled_from(CHOICES[procedure]), reason=reasons),
        max_size=10,
    )


@given(ballots_for("consensus"), names)
def test_a_veto_always_blocks_consensus(ballots, vetoer):
    result = consensus([*ballots, Ballot(vetoer, "veto")])
    assert result["passed"] is False


@given(
    st.sampled_from(["consensus", "consent", "majority", "two_thirds"]).flatmap(
        lambda p: st.tuples(st.just(p), ballots_for(p), st.randoms())
    ),
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["ignored", "against"]),
)
def test_the_order_of_the_voters_never_changes_the_outcome(case, quorum, abstentions):
    procedure, ballots, rng = case
    shuffled = list(ballots)
    rng.shuffle(shuffled)
    kwargs = {"quorum": quorum, "abstentions": abstentions}
    assert tally(procedure, shuffled, **kwargs) == tally(procedure, ballots, **kwargs)


@given(systemic_case(), st.randoms())
def test_the_order_of_the_voters_never_changes_systemic_consensing(case, rng):
    options, ballots = case
    shuffled = list(ballots)
    rng.shuffle(shuffled)
    assert systemic(options, shuffled) == systemic(options, ballots)


@given(
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["majority", "two_thirds"]),
    st.sampled_from(["ignored", "against"]),
)
def test_all_yes_passes_whenever_the_quorum_is_met(n, quorum, procedure, abstentions):
    ballots = [Ballot(f"p{i}", "yes") for i in range(n)]
    result = tally(procedure, ballots, quorum=quorum, abstentions=abstentions)
    assert result["passed"] is (n >= quorum)
