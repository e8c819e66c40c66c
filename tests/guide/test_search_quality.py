"""The guide search measured on the team's practitioners' questions (guide/decks/*.queries.yaml).

The floor is a little under what the search reaches today (top-1 0.73, top-3 0.89, MRR 0.82 at
the time of writing); `make bench` prints the current figures and the questions it misses.
"""

from guide.quality import evaluate, load_queries
from guide.search import get_index


def test_the_search_answers_practitioners_questions_well_enough():
    quality = evaluate(get_index(), load_queries())
    assert quality.queries >= 100
    summary = f"{quality.top1=:.3f} {quality.top3=:.3f} {quality.mrr=:.3f} {quality.misses=}"
    assert quality.top1 >= 0.70, summary
    assert quality.top3 >= 0.85, summary
    assert quality.mrr >= 0.78, summary
