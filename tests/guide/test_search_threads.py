"""The guide search under gunicorn's threaded workers: many threads, one process."""

import sys
import threading

from guide.deck import get_deck
from guide.search import get_index, stem, word_stems, words

QUERIES = [
    "Koproduktion",
    "Wir haben Streit über die Ziele",
    "Finanzierung von Stellen",
    "Die Verwaltung braucht ewig für Entscheidungen",
    "Transperenz",
    "ehrenamtliche Mitarbeiter:innen",
]
THREADS = 16


def answers(index):
    return {q: [(hit.card.number, hit.score) for hit in index.search(q).hits] for q in QUERIES}


def test_many_threads_search_while_the_index_is_first_built():
    expected = answers(get_index())
    vocabulary = sorted({w for card in get_deck().cards.values() for w in words(card.plain_text)})
    expected_stems = {w: stem(w) for w in vocabulary}
    get_index.cache_clear()
    word_stems.cache_clear()
    barrier = threading.Barrier(THREADS)
    indexes, found, stems, errors = [], [], [], []

    def work(offset):
        try:
            barrier.wait()
            index = get_index()
            indexes.append(index)
            found.append(answers(index))
            # Plain stemming too, from every thread at once, in a different order per thread.
            stems.append({w: stem(w) for w in vocabulary[offset::3] + vocabulary[:offset:3]})
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(error)

    # Switch threads as often as possible so that shared state would be caught mid-update.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(i % 3,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len({id(index) for index in indexes}) == 1, "the index was built more than once"
    assert all(answer == expected for answer in found)
    assert all(stems_of[w] == expected_stems[w] for stems_of in stems for w in stems_of)
