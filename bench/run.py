"""make bench: medians of in-process requests, each as a ratio to a baseline of the same run.

The baseline is a minimal Django view returning a page of the same size through the same
middleware, so the ratio shows what our own code costs, whatever the machine.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gemeinwerk.test_settings")

import django  # noqa: E402

django.setup()

from django.test import Client, override_settings  # noqa: E402

from guide.deck import get_deck  # noqa: E402
from guide.search import get_index  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "300"))
QUERIES = [
    "Koproduktion",
    "Entscheidungen treffen",
    "Wir haben Streit über die Ziele",
    "Reflexion",
    "Videokonferenz",
    "Finanzierung von Stellen",
    "Die Verwaltung braucht ewig für Entscheidungen",
    "Transperenz",
]


def median_ms(fn, rounds=ROUNDS):
    for _ in range(10):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def page_vs_baseline(client, url):
    size = len(client.get(url, secure=True).content)
    baseline = f"/__bench__/baseline/{size}/"
    page_ms = median_ms(lambda: client.get(url, secure=True))
    base_ms = median_ms(lambda: client.get(baseline, secure=True))
    return {
        "url": url,
        "bytes": size,
        "median_ms": page_ms,
        "baseline_ms": base_ms,
        "ratio": page_ms / base_ms,
    }


# No setup_test_environment(): it instruments template rendering and would distort the figures.
@override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver"])
def main():
    client = Client()
    deck = get_deck()
    get_index()
    results = {"pages": [], "search": []}
    cards = [card.number for card in deck.reading_order]
    for url in [
        f"/faecher/karten/{cards[0]}/",
        "/faecher/karten/31/",
        f"/faecher/karten/{cards[-1]}/",
        "/faecher/",
        "/faecher/suche/?q=Entscheidungen",
    ]:
        results["pages"].append(page_vs_baseline(client, url))
    index = get_index()
    for query in QUERIES:
        results["search"].append(
            {"query": query, "median_ms": median_ms(lambda q=query: index.search(q))}
        )

    print(f"{'page':42} {'bytes':>7} {'median':>9} {'baseline':>9} {'ratio':>6}")
    for row in results["pages"]:
        print(
            f"{row['url']:42} {row['bytes']:7d} {row['median_ms']:8.3f}ms {row['baseline_ms']:8.3f}ms "
            f"{row['ratio']:5.2f}x"
        )
    print(f"\n{'search query':48} {'median':>9}")
    for row in results["search"]:
        print(f"{row['query']:48} {row['median_ms']:8.3f}ms")
    card_ratio = max(r["ratio"] for r in results["pages"] if "/karten/" in r["url"])
    search_ms = statistics.median(r["median_ms"] for r in results["search"])
    print(f"\ncard page ratio (worst): {card_ratio:.2f}x  (target ≤ 1.5x)")
    print(f"search median over queries: {search_ms:.3f} ms  (target < 5 ms)")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
