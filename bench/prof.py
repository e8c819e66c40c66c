"""Profile Werkstatt pages on the bench's levels, for finding where a page spends its time.

    .venv/bin/python bench/prof.py [--levels small,large] [--rounds 7] [--profile] [--sql]
        [--filter REGEX] [--fresh] [--calls] PATH ...

PATH is relative to the co-production, as in ``bench/run.py`` ("" for the overview,
"ziele/{joint}/" with the ids of ``werkstatt_ids``). For each level it prints the median CPU
time, the ratio to a minimal view, the queries and the bytes; ``--sql`` lists the queries,
``--profile`` adds cProfile's cumulative view (``--filter`` narrows it, e.g. "main/goals");
``--fresh`` measures the first visit after a change once the worker has done its part, as the
bench's rows "(frisch)"; ``--cold`` the same before it has (the rows "(ohne Worker)").
``--calls`` adds the Python function calls per request (cProfile's count) and their ratio to
the minimal view's: unlike CPU time, the same on a busy machine, so a change's effect shows in
one run.
Each run builds its levels in a throwaway SQLite file through the services (small about 15 s
of CPU, large about 2 minutes, xl about 20)."""

import argparse
import cProfile
import importlib
import io
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# bench.run sets Django up on a throwaway SQLite file, as for make bench: first.
bench = importlib.import_module("bench.run")
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from demo.build import add_large, create_demo  # noqa: E402


def profiled(fn, prepare, rounds: int = 5) -> cProfile.Profile:
    """cProfile of ``rounds`` calls of ``fn()`` after two warm-up calls, each after an
    unmeasured ``prepare()``."""
    for _ in range(2):
        prepare()
        fn()
    profile = cProfile.Profile()
    for _ in range(rounds):
        prepare()
        profile.enable()
        fn()
        profile.disable()
    return profile


def calls(fn, prepare=lambda: None, rounds: int = 5) -> float:
    """Python function calls per ``fn()``, counted by cProfile."""
    stats = pstats.Stats(profiled(fn, prepare, rounds)).stats
    return sum(row[1] for row in stats.values()) / rounds


@override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver"])
def main(args) -> None:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    create_demo("bench-password-not-secret")
    client = Client()
    client.force_login(User.objects.get(email="verwaltung@demo.example"))
    made = {
        level: add_large(name=f"Wohnraum für alle ({level})", **bench.LEVELS[level])
        for level in args.levels.split(",")
    }
    base = bench.cpu_ms(
        lambda: client.get("/__bench__/baseline/20000/", secure=True), args.rounds * 4
    )
    baseline = lambda: client.get("/__bench__/baseline/20000/", secure=True)  # noqa: E731
    base_calls = calls(baseline) if args.calls else 0
    print(f"minimal view {base:.2f} ms" + (f", {base_calls:.0f} calls" if args.calls else ""))
    for path in args.paths:
        for level, coproduction in made.items():
            url = f"/werkstatt/{coproduction.slug}/" + path.format(
                **bench.werkstatt_ids(coproduction)
            )
            htmx = {"HTTP_HX_REQUEST": "true"} if "auswahl" in path else {}

            def request(url=url, htmx=htmx):
                response = client.get(url, secure=True, **htmx)
                assert response.status_code == 200, (url, response.status_code)
                return response

            kind = bench.FRESH if args.fresh else bench.COLD if args.cold else ""
            prepare = bench.first_visit(kind, coproduction.pk) if kind else lambda: None
            ms = bench.cpu_ms(request, args.rounds, prepare)
            prepare()
            with CaptureQueriesContext(connection) as queries:
                response = request()
            print(
                f"{level:6} {path or '(Übersicht)':40} {ms:7.2f} ms {ms / base:6.1f}x"
                f"  {len(queries)} queries {len(response.content)} bytes"
            )
            if args.calls:
                n = calls(request, prepare)
                print(f"{'':47} {n:7.0f} calls {n / base_calls:5.1f}x")
            if args.sql:
                for query in queries.captured_queries:
                    print("   ", query["time"], query["sql"][:300])
            if args.profile:
                out = io.StringIO()
                stats = pstats.Stats(profiled(request, prepare), stream=out).sort_stats(
                    "cumulative"
                )
                stats.print_stats(*([args.filter, 45] if args.filter else [45]))
                print(out.getvalue())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="small")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--filter", default="")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--calls", action="store_true")
    parser.add_argument("paths", nargs="+")
    main(parser.parse_args())
