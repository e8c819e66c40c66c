"""German-aware full-text search over a deck's cards, held in memory.

The index is built once per process from the deck. Words are lower-cased, gender colons
("Partner:innen") folded, hyphenated compounds indexed joined and as parts (so "Koproduktion"
finds "Ko-Produktion"), and stemmed with the Snowball German stemmer, which also folds umlauts,
"ae/oe/ue" spellings and ß. The deck's ``search`` section adds spelling variants the guide itself
mixes ("Reflexion"/"Reflektion") and synonyms for words people use that the guide does not.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import snowballstemmer
from django.utils.html import escape

from guide.compounds import compound_parts
from guide.deck import Card, Deck, built_once, get_deck, strip_markup

WORD = re.compile(r"[^\W\d_]+(?:[:*_-][^\W\d_]+)*")
GENDER = re.compile(r"[:*_](?=in(?:nen)?\b)")
SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÄÖÜ„])")
MAX_QUERY_TERMS = 12
SNIPPETS = 10
FIELD_WEIGHTS = {"title": 3.0, "key": 1.8, "questions": 1.2, "body": 1.0}
QUESTION_LEAD = "Diese Karte hilft, wenn ihr "
# How strongly a query stem counts when it is only the beginning or a part of an indexed word
# (German compounds: "Vereinbarung" in "Kooperationsvereinbarung").
EXACT, PREFIX, INFIX, SYNONYM = 1.0, 0.6, 0.4, 0.7
# A part of a closed compound, in the text ("Mittel" in "Haushaltsmittel") or in the query
# when the whole compound is not in the guide.
PART = 0.5
# How close a word must be to one of the guide's to be corrected without asking (difflib ratio);
# below that the page only asks "Meintet ihr …?".
CORRECTION_CUTOFF = 0.8
# A query word in a card's title says more about the card than any number of mentions.
TITLE_BONUS = 1.5
DEFINITION_BONUS = 2.0
STOPWORDS = frozenset(
    """aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes auch auf aus bei bin bis bist da damit dann das dass dem den denn der des dessen
    die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
    eines einig einige er es etwas euch euer eure für gegen gibt hab habe haben hat hatte
    hier hin ich ihm ihn ihnen ihr ihre im in ins ist ja jede jedem jeden jeder jedes jetzt
    kann kein keine können man mancher mehr mein mich mir mit muss nach nicht nichts noch nun
    nur ob oder ohne sehr sein seine sich sie sind so solche soll sollte sondern sonst über
    um und uns unser unter viel vom von vor wann war waren warum was weil welche wenn wer
    werden wie wieder will wir wird wo wollen worden wurde würde zu zum zur zwischen gerade
    geht gehen haben machen mal""".split()
)


# A Snowball stemmer keeps the word it works on in its own attributes: one per thread.
_local = threading.local()


def _stemmer():
    try:
        return _local.stemmer
    except AttributeError:
        _local.stemmer = snowballstemmer.stemmer("german")
        return _local.stemmer


def words(text: str) -> list[str]:
    """Surface words of a text, gender forms folded ("Partner:innen" -> "partnerinnen")."""
    return [GENDER.sub("", w) for w in WORD.findall(text.lower())]


def stem(word: str) -> str:
    return _stemmer().stemWord(word.replace("ß", "ss"))


@functools.lru_cache(maxsize=65536)
def word_stems(word: str) -> tuple[str, ...]:
    """A word's stems: the joined word first, then the parts of a hyphenated compound."""
    parts = [p for p in re.split(r"[-:*_]", word) if p]
    stems = [stem("".join(parts))]
    if len(parts) > 1:
        stems += [stem(p) for p in parts if len(p) > 1 and p not in STOPWORDS]
    return tuple(stems)


@functools.lru_cache(maxsize=65536)
def part_stems(word: str) -> tuple[str, ...]:
    """Stems of the parts of a closed compound ("Haushaltsmittel" -> haushalt, mittel)."""
    own = word_stems(word)
    found = []
    for piece in re.split(r"[-:*_]", word):
        for part in compound_parts(piece):
            s = stem(part)
            if s not in own and s not in found:
                found.append(s)
    return tuple(found)


@dataclass
class Hit:
    card: Card
    score: float
    snippet: str


@dataclass
class Results:
    query: str
    hits: list[Hit]
    terms: list[str]
    suggestions: list[str]
    ignored: list[str]
    # Words that matched nothing, corrected to the closest word of the guide ("partizipaton" ->
    # "Partizipation"), and the query as it was searched with them.
    corrections: dict[str, str] = field(default_factory=dict)
    searched_for: str = ""


class SearchIndex:
    def __init__(self, deck: Deck):
        self.deck = deck
        self.postings: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        self.lengths: dict[int, float] = {}
        self.title_stems: dict[int, set[str]] = {}
        self.title_bonus: dict[int, float] = {}
        self.sentences: dict[int, list[tuple[str, list[set[str]]]]] = {}
        # The card that defines a glossary term is the best answer to a search for the term.
        self.defined_on: dict[str, set[int]] = defaultdict(set)
        for term in deck.glossary:
            for form in term.forms:
                for w in words(form)[-1:]:
                    self.defined_on[word_stems(w)[0]].add(term.card)
        surface = Counter()
        # How the guide spells a word, for telling what was searched instead of a typo.
        self.spelling: dict[str, str] = {}
        for card in deck.cards.values():
            fields = {
                "title": card.title,
                "key": " ".join(m for b in card.blocks for item in b.items for m in _bold(item)),
                "questions": " ".join(q for qs in card.questions.values() for q in qs),
                "body": card.plain_text,
            }
            title_words = [w for w in words(card.title) if w not in STOPWORDS]
            self.title_stems[card.number] = {s for w in title_words for s in word_stems(w)}
            self.title_bonus[card.number] = TITLE_BONUS / math.sqrt(max(len(title_words), 1))
            length = 0.0
            for name, text in fields.items():
                for word in words(text):
                    surface[word] += 1
                    if word in STOPWORDS:
                        continue
                    for s in word_stems(word):
                        self.postings[s][card.number] += FIELD_WEIGHTS[name]
                    for s in part_stems(word):
                        self.postings[s][card.number] += FIELD_WEIGHTS[name] * PART
                    length += 1
            self.lengths[card.number] = length
            sentences = [
                sentence
                for block in card.blocks
                for item in block.items
                for sentence in SENTENCE.split(strip_markup(item))
            ] + [f"{QUESTION_LEAD}{q} …" for qs in card.questions.values() for q in qs]
            self.sentences[card.number] = [
                (
                    sentence,
                    [
                        {*word_stems(w), *part_stems(w)}
                        for w in words(sentence)
                        if w not in STOPWORDS
                    ],
                )
                for sentence in sentences
            ]
            for match in WORD.finditer(f"{card.title} {card.plain_text}"):
                self.spelling.setdefault(GENDER.sub("", match.group(0).lower()), match.group(0))
        self.postings = {k: dict(v) for k, v in self.postings.items()}
        self.vocabulary = sorted(self.postings)
        self.surface_words_by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted(w for w in surface if len(w) > 3):
            self.surface_words_by_initial[word[0]].append(word)
        self.average_length = sum(self.lengths.values()) / max(len(self.lengths), 1)
        config = deck.search
        self.variants = {
            _config_stem(word): _config_stem(group[0])
            for group in config.get("variants", [])
            for word in group
        }
        self.synonyms = {
            _config_stem(word): [s for t in targets for w in words(t) for s in word_stems(w)]
            for word, targets in config.get("synonyms", {}).items()
        }
        self._expand = functools.lru_cache(maxsize=4096)(self._expand_uncached)

    def _canonical(self, s: str) -> str:
        return self.variants.get(s, s)

    def _expand_uncached(self, query_stem: str) -> tuple[tuple[str, float], ...]:
        """Indexed stems a query stem stands for, each with how strongly it matches."""
        found: dict[str, float] = {}
        targets = {query_stem, self._canonical(query_stem)}
        targets |= {v for v, c in self.variants.items() if c == self._canonical(query_stem)}
        for target in targets:
            for indexed in self.vocabulary:
                if indexed == target:
                    weight = EXACT
                elif len(target) >= 4 and indexed.startswith(target):
                    weight = PREFIX
                elif len(target) >= 5 and target in indexed:
                    weight = INFIX
                else:
                    continue
                found[indexed] = max(found.get(indexed, 0.0), weight)
        for synonym in self.synonyms.get(query_stem, []):
            if synonym in self.postings:
                found[synonym] = max(found.get(synonym, 0.0), SYNONYM)
        return tuple(found.items())

    def search(self, query: str, limit: int | None = None) -> Results:
        query = (query or "").strip()[:300]
        raw_terms = []
        ignored = []
        for word in words(query):
            if word in STOPWORDS or len(word) < 2:
                ignored.append(word)
            elif word not in raw_terms:
                raw_terms.append(word)
        raw_terms = raw_terms[:MAX_QUERY_TERMS]
        card_count = len(self.deck.cards)
        scores: dict[int, float] = defaultdict(float)
        matched_terms: dict[int, set[str]] = defaultdict(set)
        matched_stems: set[str] = set()
        corrections = {}
        for term in raw_terms:
            expansions = self._term(term)
            if not expansions:
                corrected = self.correct(term)
                if corrected:
                    corrections[term] = corrected
                    expansions = self._term(corrected)
            for indexed, weight in expansions:
                posting = self.postings[indexed]
                idf = math.log(1 + (card_count - len(posting) + 0.5) / (len(posting) + 0.5))
                matched_stems.add(indexed)
                for number, tf in posting.items():
                    if indexed in self.title_stems[number]:
                        scores[number] += self.title_bonus[number] * weight * max(idf, 1.0)
                    if number in self.defined_on.get(indexed, ()):
                        scores[number] += DEFINITION_BONUS * weight
                    norm = (
                        tf
                        * 2.2
                        / (tf + 1.2 * (0.25 + 0.75 * self.lengths[number] / self.average_length))
                    )
                    scores[number] += weight * idf * norm
                    matched_terms[number].add(term)
        hits = []
        for number, score in scores.items():
            coverage = len(matched_terms[number]) / len(raw_terms)
            hits.append((score * coverage * coverage, number))
        hits.sort(key=lambda pair: (-pair[0], pair[1]))
        if limit:
            hits = hits[:limit]
        # Snippets cost the most; the page shows them for the best hits only.
        results = [
            Hit(
                self.deck.cards[n],
                round(score, 3),
                self.snippet(self.deck.cards[n], matched_stems) if rank < SNIPPETS else "",
            )
            for rank, (score, n) in enumerate(hits)
        ]
        suggestions = [] if results or not raw_terms else self.suggest(raw_terms)
        searched_for = ""
        if corrections:
            searched_for = WORD.sub(
                lambda m: corrections.get(GENDER.sub("", m.group(0).lower()), m.group(0)), query
            )
            corrections = {t: self.spelling.get(c, c) for t, c in corrections.items()}
            searched_for = WORD.sub(
                lambda m: self.spelling.get(m.group(0), m.group(0)), searched_for
            )
        return Results(query, results, raw_terms, suggestions, ignored, corrections, searched_for)

    def _term(self, term: str) -> tuple[tuple[str, float], ...]:
        """Indexed stems a query word stands for: the word itself, else the parts of it."""
        stems = word_stems(term)
        found = self._expand(stems[0])
        if found:
            return found
        # A compound the guide does not use ("Kooperationsvertrag") finds its parts.
        weights: dict[str, float] = {}
        for part in stems[1:] + part_stems(term):
            for indexed, weight in self._expand(part):
                weights[indexed] = max(weights.get(indexed, 0.0), weight * PART)
        return tuple(weights.items())

    def correct(self, term: str) -> str | None:
        """The guide's word closest to a word that matched nothing, if one is close enough."""
        pool = self.surface_words_by_initial.get(term[0], [])
        for candidate in difflib.get_close_matches(term, pool, n=3, cutoff=CORRECTION_CUTOFF):
            if self._term(candidate):
                return candidate
        return None

    def suggest(self, terms: list[str]) -> list[str]:
        found = []
        for term in terms:
            pool = self.surface_words_by_initial.get(term[0], [])
            for candidate in difflib.get_close_matches(term, pool, n=2, cutoff=0.75):
                if candidate not in found:
                    found.append(candidate)
        return found[:4]

    def snippet(self, card: Card, stems: set[str], width: int = 240) -> str:
        """The card's sentence with the most matches, matching words marked."""

        def matches(entry) -> int:
            return sum(1 for word_stem_set in entry[1] if word_stem_set & stems)

        best = max(self.sentences[card.number], key=matches)[0]
        if len(best) > width:
            best = best[: width - 1].rsplit(" ", 1)[0] + " …"
        return _mark(best, stems)


def _config_stem(word: str) -> str:
    return word_stems(words(word)[0])[0]


def _bold(text: str) -> list[str]:
    return re.findall(r"\*\*(.+?)\*\*", text)


def _mark(sentence: str, stems: set[str]) -> str:
    out = []
    position = 0
    for match in WORD.finditer(sentence):
        word = GENDER.sub("", match.group(0).lower())
        if word not in STOPWORDS and any(s in stems for s in word_stems(word) + part_stems(word)):
            out.append(escape(sentence[position : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    out.append(escape(sentence[position:]))
    return "".join(out)


@built_once
def get_index(slug: str | None = None) -> SearchIndex:
    return SearchIndex(get_deck(slug))
