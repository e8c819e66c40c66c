"""Searching the Werkstatt as one viewer: only what ``visible_to`` lets them see is searched,
found and counted. One query for the hits and one for the count, however much data there is.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape

from guide.compounds import compound_parts
from guide.search import GENDER, STOPWORDS, WORD, part_stems, word_stems, words
from search.models import Entry

LIMIT = 50
MAX_TERMS = 8
SNIPPET_WIDTH = 220
# bm25 column weights on SQLite: a word in the title counts as much as five in the text.
TITLE_WEIGHT, TEXT_WEIGHT = 5.0, 1.0
SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")


@dataclass
class Term:
    word: str  # as typed, lower-cased, letters only
    stem: str
    part_stems: tuple[str, ...]
    parts: tuple[str, ...]


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


def query_terms(query: str) -> list[Term]:
    found = []
    for word in words(query):
        if word in STOPWORDS or len(word) < 2:
            continue
        joined = re.sub(r"[-:*_]", "", word)
        pieces = [p for p in re.split(r"[-:*_]", word) if p]
        parts = tuple(p for piece in pieces for p in compound_parts(piece)) or (
            tuple(pieces) if len(pieces) > 1 else ()
        )
        term = Term(joined, word_stems(word)[0], part_stems(word) + word_stems(word)[1:], parts)
        if term.stem and all(t.stem != term.stem for t in found):
            found.append(term)
    return found[:MAX_TERMS]


def search_werkstatt(viewer, query: str, limit: int = LIMIT) -> Results:
    query = query.replace("\x00", "").strip()[:200]
    terms = query_terms(query)
    if not terms:
        return Results(query)
    visible_sql, visible_params = (
        Entry.objects.visible_to(viewer).values("id").query.sql_with_params()
    )
    if connection.vendor == "postgresql":
        match = " & ".join(_tsquery(t) for t in terms)
        base = (
            "FROM search_entry e, to_tsquery('german', %s) q "
            f"WHERE e.document @@ q AND e.id IN ({visible_sql})"
        )
        params = [match, *visible_params]
        rows = Entry.objects.raw(
            f"SELECT e.*, ts_rank_cd(e.document, q) AS rank {base} "  # noqa: S608 - parameters bound
            "ORDER BY rank DESC, e.date DESC NULLS LAST, e.id DESC LIMIT %s",
            [*params, limit],
        )
    else:
        match = " AND ".join(_fts5(t) for t in terms)
        base = (
            "FROM search_entry_fts f JOIN search_entry e ON e.id = f.rowid "
            f"WHERE search_entry_fts MATCH %s AND e.id IN ({visible_sql})"
        )
        params = [match, *visible_params]
        rows = Entry.objects.raw(
            f"SELECT e.*, bm25(search_entry_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS rank {base} "  # noqa: S608
            "ORDER BY rank, e.date DESC, e.id DESC LIMIT %s",
            [*params, limit],
        )
    hits = list(rows)
    total = len(hits)
    if total == limit:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {base}", params)  # noqa: S608 - parameters bound
            total = cursor.fetchone()[0]
    marks = {s for t in terms for s in (t.stem, *t.part_stems)}
    return Results(
        query,
        [Hit(e, highlight(e.title, marks), snippet(e.text, marks)) for e in hits],
        total,
        terms,
    )


def _tsquery(term: Term) -> str:
    whole = f"{term.word}:*"
    if term.parts:
        return f"({whole} | ({' & '.join(f'{p}:*' for p in term.parts)}))"
    return whole


def _fts5(term: Term) -> str:
    def prefix(stem: str) -> str:
        return '"' + stem.replace('"', "") + '"*'

    if term.part_stems:
        parts = " AND ".join(prefix(s) for s in term.part_stems)
        return f"({prefix(term.stem)} OR ({parts}))"
    return prefix(term.stem)


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
