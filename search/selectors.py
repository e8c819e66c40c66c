"""Searching the Werkstatt as one viewer: only what ``visible_to`` lets them see is searched,
found and counted — and only in the viewer's co-production's part of the full-text index.

The cost stays about the same however much is in the database and however many entries match:
the typed words are looked up among the co-production's words (``Word``, a prefix finds the
longer words), the full-text index is asked for those exact words and read newest first, and
only two bounded windows are ranked — the newest ``CAP + 1`` visible matches (which also give
the count: exact up to ``CAP``, „mehr als 200“ beyond) and the newest ``CAP`` that have every
word in the title. Ranking: more of the words in the title first, then the shorter title, then
the newer date. Three queries: words, windows, the page's entries.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape

from guide.search import GENDER, STOPWORDS, WORD, part_stems, word_stems, words
from search.indexing import MAX_STEM
from search.models import Entry

LIMIT = 50
CAP = 200  # matches counted and ranked at most
EXPANSIONS = 50  # indexed words a typed beginning stands for at most, the shortest first
MAX_TERMS = 8
SNIPPET_WIDTH = 220
SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")


@dataclass
class Term:
    word: str  # as typed, lower-cased, letters only
    stem: str
    part_stems: tuple[str, ...]


@dataclass
class Hit:
    entry: Entry
    title: str  # HTML, matches marked
    snippet: str  # HTML, matches marked


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    terms: list[Term] = field(default_factory=list)
    # More than CAP visible entries match: ``total`` is CAP and the page says „mehr als“.
    capped: bool = False
    # A short beginning stood for more than EXPANSIONS words: ``total`` counts those searched.
    at_least: bool = False


def query_terms(query: str) -> list[Term]:
    found = []
    for word in words(query):
        if word in STOPWORDS or len(word) < 2:
            continue
        joined = re.sub(r"[-:*_]", "", word)
        term = Term(joined, word_stems(word)[0], part_stems(word) + word_stems(word)[1:])
        if term.stem and all(t.stem != term.stem for t in found):
            found.append(term)
    return found[:MAX_TERMS]


def search_werkstatt(viewer, query: str, limit: int = LIMIT) -> Results:
    query = query.replace("\x00", "").strip()[:200]
    terms = query_terms(query)
    if not terms:
        return Results(query)
    scope = f"c{viewer.coproduction_id}"
    known, truncated = _known_words(viewer, terms)
    # Per typed word, its alternatives: each indexed word it begins, or all of its parts.
    alternatives = []
    for term in terms:
        options = [(f"{scope}{w}",) for w in known.get(term.stem, [])]
        if term.part_stems and all(p in known.get("", ()) for p in term.part_stems):
            options.append(tuple(f"{scope}{p}" for p in term.part_stems))
        if not options:
            return Results(query, terms=terms)  # a word the co-production does not have
        alternatives.append(options)
    rows = _windows(viewer, alternatives)
    total = sum(1 for row in rows if row[3] == 0)
    ranked = _rank({row[0]: row for row in rows}.values(), alternatives)[:limit]
    entries = Entry.objects.visible_to(viewer).defer("title_terms", "text_terms").in_bulk(ranked)
    marks = {s for t in terms for s in (t.stem, *t.part_stems)}
    return Results(
        query,
        [
            Hit(e, highlight(e.title, marks), snippet(e.text, marks))
            for e in (entries[pk] for pk in ranked if pk in entries)
        ],
        min(total, CAP),
        terms,
        capped=total > CAP,
        at_least=truncated,
    )


def _known_words(viewer, terms: list[Term]) -> tuple[dict, bool]:
    """The words the viewer's entries may hold that each typed word begins (at most EXPANSIONS,
    the shortest first) under its stem, and which of the parts exist under ``""``; one query.
    Words of the other side's side-only entries are not looked at."""
    audience = ["", viewer.side or ""]
    postgresql = connection.vendor == "postgresql"
    # PostgreSQL reads the range through an index with text_pattern_ops (migration 0004).
    prefix_match = "term LIKE %s" if postgresql else "term >= %s AND term < %s"
    selects, params = [], []
    for n, term in enumerate(terms):
        selects.append(
            f"SELECT {n} AS k, term FROM (SELECT term FROM search_word "  # noqa: S608 - no input
            f"WHERE coproduction_id = %s AND owner_side IN (%s, %s) AND {prefix_match} "
            f"GROUP BY term ORDER BY length(term), term LIMIT {EXPANSIONS + 1}) w{n}"
        )
        bounds = [term.stem + "%"] if postgresql else [term.stem, term.stem + "\U0010ffff"]
        params += [viewer.coproduction_id, *audience, *bounds]
    parts = sorted({p for t in terms for p in t.part_stems if len(p) <= MAX_STEM})
    if parts:
        selects.append(
            "SELECT DISTINCT -1 AS k, term FROM search_word "  # noqa: S608 - parameters bound
            "WHERE coproduction_id = %s AND owner_side IN (%s, %s) "
            f"AND term IN ({', '.join(['%s'] * len(parts))})"
        )
        params += [viewer.coproduction_id, *audience, *parts]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    known, truncated = {"": set()}, False
    for k, word in rows:
        if k < 0:
            known[""].add(word)
            continue
        found = known.setdefault(terms[k].stem, [])
        if len(found) == EXPANSIONS:
            truncated = True
        else:
            found.append(word)
    return known, truncated


def _windows(viewer, alternatives: list) -> list[tuple]:
    """(id, title_terms, date, window) of the newest CAP + 1 visible matches (window 0) and the
    newest CAP visible entries with every word in the title (window 1). SQLite reads them newest
    first from the index and stops there: nothing else is read, nothing is sorted. PostgreSQL
    (GIN cannot hand out rows in order) reads the co-production's matches from the index and
    cuts both windows from them."""
    visible = Entry.objects.visible_to(viewer).query
    where, where_params = visible.get_compiler(connection=connection).compile(visible.where)
    if connection.vendor == "postgresql":
        match = " & ".join(
            "(" + " | ".join("(" + " & ".join(o) + ")" for o in options) + ")"
            for options in alternatives
        )
        # Every word in the title: looked for in the short ``title_terms`` of those rows, cheaper
        # than reading their whole documents again.
        in_title = " AND ".join(
            "("
            + " OR ".join(
                "(" + " AND ".join("strpos(' ' || title_terms || ' ', %s) > 0" for _ in o) + ")"
                for o in options
            )
            + ")"
            for options in alternatives
        )
        title_params = [f" {w} " for options in alternatives for o in options for w in o]
        # Materialized, so the planner cannot walk the primary key backwards through every
        # co-production's entries; the GIN index holds this co-production's words apart.
        sql = (
            "WITH m AS MATERIALIZED (SELECT id, title_terms, date FROM search_entry "  # noqa: S608
            f"WHERE document @@ to_tsquery('simple', %s) AND {where}) "
            "(SELECT id, title_terms, date, 0 FROM m ORDER BY id DESC LIMIT %s) UNION ALL "
            f"(SELECT id, title_terms, date, 1 FROM m WHERE {in_title} ORDER BY id DESC LIMIT %s)"
        )
        params = [match, *where_params, CAP + 1, *title_params, CAP]
    else:
        match = " AND ".join(
            "(" + " OR ".join("(" + " AND ".join(f'"{w}"' for w in o) + ")" for o in options) + ")"
            for options in alternatives
        )
        # CROSS JOIN keeps the index the outer loop, read in descending rowid order.
        window = (
            "SELECT * FROM (SELECT search_entry.id, search_entry.title_terms, "  # noqa: S608
            "search_entry.date, {n} FROM search_entry_fts CROSS JOIN search_entry "
            "ON search_entry.id = search_entry_fts.rowid "
            f"WHERE search_entry_fts MATCH %s AND {where} "
            "ORDER BY search_entry_fts.rowid DESC LIMIT %s)"
        )
        sql = f"{window.format(n=0)} UNION ALL {window.format(n=1)}"
        params = [match, *where_params, CAP + 1, f"{{title_terms}} : ({match})", *where_params, CAP]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _rank(rows, alternatives: list) -> list[int]:
    """Ids, best first: more typed words in the title, then the shorter title, then the newer
    date (none last), then the newer entry."""

    def in_title(title: set, options) -> bool:
        return any(all(w in title for w in option) for option in options)

    keyed = []
    for pk, title_terms, date, _ in rows:
        title = title_terms.split()
        found = set(title)
        hits = sum(1 for options in alternatives if in_title(found, options))
        keyed.append((pk, date, -hits, len(title) if hits else 0))
    keyed.sort(key=lambda row: row[0], reverse=True)
    keyed.sort(key=lambda row: (row[1] is not None, row[1] or ""), reverse=True)
    keyed.sort(key=lambda row: (row[2], row[3]))
    return [row[0] for row in keyed]


def _matches(word: str, marks: set[str]) -> bool:
    word = GENDER.sub("", word.lower())
    if word in STOPWORDS:
        return False
    stems = word_stems(word) + part_stems(word)
    return any(s.startswith(m) for s in stems for m in marks)


def highlight(text: str, marks: set[str]) -> str:
    out, position = [], 0
    for match in WORD.finditer(text):
        if _matches(match.group(0), marks):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def snippet(text: str, marks: set[str]) -> str:
    """The passage of the text with the most matches, shortened, matches marked."""
    best, best_count = "", 0
    for sentence in SENTENCE.split(text[:20_000]):
        count = sum(1 for m in WORD.finditer(sentence) if _matches(m.group(0), marks))
        if count > best_count:
            best, best_count = sentence, count
    if not best:
        return ""
    if len(best) > SNIPPET_WIDTH:
        first = next(m.start() for m in WORD.finditer(best) if _matches(m.group(0), marks))
        start = max(0, first - SNIPPET_WIDTH // 3)
        best = (
            ("… " if start else "") + best[start : start + SNIPPET_WIDTH].rsplit(" ", 1)[0] + " …"
        )
    return highlight(best, marks)
