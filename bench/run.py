"""make bench: medians of in-process requests, each as a ratio to a baseline of the same run.

Fächer: each page against a minimal Django view returning a page of the same size through the
same middleware (target ≤ 1.5×); the search function's median time (target < 5 ms), and its
quality on the practitioners' questions beside the deck (top-1, top-3, mean reciprocal rank).
Werkstatt: the same page for the small and the large demo co-production (target large/small
≤ 1.5×). The data lives in a throwaway SQLite file.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = Path(tempfile.mkdtemp(prefix="gemeinwerk-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gemeinwerk.test_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from accounts.models import User  # noqa: E402
from demo.build import SLUG, add_large, create_demo  # noqa: E402
from guide.deck import get_deck  # noqa: E402
from guide.quality import evaluate, load_queries  # noqa: E402
from guide.search import get_index  # noqa: E402
from search.indexing import rebuild  # noqa: E402

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


def get(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    return response


def page_vs_baseline(client, url):
    size = len(get(client, url).content)
    baseline = f"/__bench__/baseline/{size}/"
    page_ms = median_ms(lambda: get(client, url))
    base_ms = median_ms(lambda: get(client, baseline))
    return {
        "url": url,
        "bytes": size,
        "ms": page_ms,
        "baseline_ms": base_ms,
        "ratio": page_ms / base_ms,
    }


def small_vs_large(client, path, small, large):
    small_ms = median_ms(lambda: get(client, f"/werkstatt/{small}/{path}"), rounds=ROUNDS // 3)
    large_ms = median_ms(lambda: get(client, f"/werkstatt/{large}/{path}"), rounds=ROUNDS // 3)
    return {
        "page": path or "(Übersicht)",
        "small_ms": small_ms,
        "large_ms": large_ms,
        "ratio": large_ms / small_ms,
    }


# No setup_test_environment(): it instruments template rendering and would distort the figures.
@override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver"])
def main():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    create_demo("bench-password-not-secret")
    large = add_large().slug
    # The large demo is bulk-inserted past the services, so its search entries are built here.
    rebuild()
    client = Client()
    deck = get_deck()
    index = get_index()
    results = {"pages": [], "search": [], "werkstatt": []}
    cards = [card.number for card in deck.reading_order]
    for url in [
        f"/faecher/karten/{cards[0]}/",
        "/faecher/karten/31/",
        f"/faecher/karten/{cards[-1]}/",
        "/faecher/",
        "/faecher/suche/?q=Entscheidungen",
    ]:
        results["pages"].append(page_vs_baseline(client, url))
    for query in QUERIES:
        results["search"].append({"query": query, "ms": median_ms(lambda q=query: index.search(q))})
    questions = load_queries()
    quality = evaluate(index, questions)
    results["quality"] = {
        "queries": quality.queries,
        "top1": quality.top1,
        "top3": quality.top3,
        "mrr": quality.mrr,
        "median_ms": statistics.median(
            median_ms(lambda q=case["q"]: index.search(q), rounds=ROUNDS // 10)
            for case in questions
        ),
    }
    client.force_login(User.objects.get(email="verwaltung@demo.example"))
    for path in [
        "",
        "kompass/",
        "ziele/",
        "meilensteine/",
        "mitglieder/",
        "entscheidungen/",
        "suche/?q=Wohnungen+Quartier",
        "suche/?q=Belegungsregeln",
    ]:
        results["werkstatt"].append(small_vs_large(client, path, SLUG, large))

    print(f"{'Fächer page':38} {'bytes':>7} {'median':>9} {'baseline':>9} {'ratio':>6}")
    for row in results["pages"]:
        print(
            f"{row['url']:38} {row['bytes']:7d} {row['ms']:7.3f}ms {row['baseline_ms']:7.3f}ms"
            f" {row['ratio']:5.2f}x"
        )
    print(f"\n{'search query':48} {'median':>9}")
    for row in results["search"]:
        print(f"{row['query']:48} {row['ms']:7.3f}ms")
    q = results["quality"]
    print(
        f"\nguide search on {q['queries']} practitioners' questions: top-1 {q['top1']:.3f},"
        f" top-3 {q['top3']:.3f}, MRR {q['mrr']:.3f}, median {q['median_ms']:.3f} ms"
        " (target < 5 ms)"
    )
    print(f"\n{'Werkstatt page':20} {'small':>9} {'large':>9} {'large/small':>12}")
    for row in results["werkstatt"]:
        print(
            f"{row['page']:20} {row['small_ms']:7.2f}ms {row['large_ms']:7.2f}ms"
            f" {row['ratio']:11.2f}x"
        )
    card_ratio = max(r["ratio"] for r in results["pages"] if "/karten/" in r["url"])
    search_ms = statistics.median(r["ms"] for r in results["search"])
    print(f"\ncard page ratio (worst): {card_ratio:.2f}x  (target ≤ 1.5x)")
    print(f"search median over queries: {search_ms:.3f} ms  (target < 5 ms)")
    worst = max(r["ratio"] for r in results["werkstatt"])
    print(f"Werkstatt large/small (worst): {worst:.2f}x  (target ≤ 1.5x)")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
