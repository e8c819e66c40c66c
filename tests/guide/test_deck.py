"""The deck data: complete, consistent, and free of PDF extraction artefacts."""

import re

import pytest
import yaml

from guide.deck import QUESTION_REGISTERS, deck_path, get_deck, load_deck
from guide.quality import load_queries
from guide.search import get_index, word_stems, words

DECK = get_deck()
TEXTS = [
    (f"card {card.number}", text)
    for card in DECK.cards.values()
    for text in [card.title, *(item for block in card.blocks for item in block.items)]
] + [("introduction", item) for block in DECK.introduction for item in block.items]
SUSPENDED_HYPHEN_NEXT = {"und", "oder", "sondern", "bis", "als", "noch", "wie"}


def test_the_deck_has_42_numbered_cards_from_6_to_52():
    numbers = sorted(DECK.cards)
    assert len(numbers) == 42
    assert numbers[0] == 6 and numbers[-1] == 52
    assert len(set(numbers)) == len(numbers)


def test_every_card_belongs_to_exactly_one_chapter_in_reading_order():
    listed = [n for chapter in DECK.chapters for n in chapter.card_numbers]
    assert sorted(listed) == sorted(DECK.cards)
    assert listed == sorted(listed)


def test_the_six_chapters_carry_the_names_from_the_introduction():
    assert [c.title for c in DECK.chapters] == [
        "Definitionen",
        "Warum Ko-Produktion?",
        "Legitimation",
        "Vor der Zusammenarbeit",
        "Ziele",
        "Strukturen der Zusammenarbeit",
    ]


def test_every_reference_points_to_an_existing_other_card():
    for card in DECK.cards.values():
        assert card.refs, f"card {card.number} has no references"
        for target in card.refs:
            assert target in DECK.cards, f"card {card.number} → {target} does not resolve"
            assert target != card.number


def test_references_are_kept_exactly_as_printed():
    assert DECK.cards[6].refs == (31, 47)
    assert DECK.cards[12].refs == (31, 17)
    assert DECK.cards[50].refs == (44,)
    assert DECK.cards[52].refs == (18, 32, 46)


def test_back_references_mirror_the_references():
    for card in DECK.cards.values():
        for source in card.referenced_by:
            assert card.number in DECK.cards[source].refs


@pytest.mark.parametrize(("where", "text"), TEXTS)
def test_no_field_is_empty_and_no_line_break_artefact_is_left(where, text):
    assert text.strip(), f"empty text in {where}"
    assert "  " not in text, f"double space in {where}"
    for match in re.finditer(r"\w- (\w+)", text):
        assert match.group(1) in SUSPENDED_HYPHEN_NEXT, f"broken word in {where}: {match.group(0)}"
    assert not re.search(r"[a-zäöüß]-[a-zäöüß]", text), f"line-break hyphen in {where}"
    assert not re.search(r"\s[,.;:]\w", text), f"spacing artefact in {where}"
    assert text.count("**") % 2 == 0, f"unbalanced bold in {where}"


def test_real_hyphens_and_the_authors_wording_survive():
    text = " ".join(card.plain_text for card in DECK.cards.values())
    assert "Ko-Produktion" in text
    assert "Bundes- und" in text
    assert "Verwaltungen" in text
    assert "arbeiten" in DECK.introduction[0].items[0] or "arbeiten" in " ".join(
        item for b in DECK.introduction for item in b.items
    )


def test_cards_speak_to_one_side_or_both():
    perspectives = {card.number: card.perspective for card in DECK.cards.values()}
    assert perspectives[12] == "administration"
    assert perspectives[13] == "civil_society"
    assert set(perspectives.values()) == {"both", "administration", "civil_society"}


def test_glossary_terms_are_defined_on_existing_cards_and_linked_where_they_occur():
    terms = {term.term: term for term in DECK.glossary}
    for name in ["Partizipation", "Kooperation", "Ko-Produktion", "Teilhabe", "Daseinsvorsorge"]:
        assert name in terms
    for term in DECK.glossary:
        assert term.card in DECK.cards
        assert term.definition.strip()
    assert terms["Daseinsvorsorge"].occurs_in, "Daseinsvorsorge should be linked from other cards"
    linked = DECK.cards[terms["Daseinsvorsorge"].occurs_in[0]].html
    assert 'href="/faecher/begriffe/#daseinsvorsorge"' in linked


def test_other_guides_sources_and_attribution_are_present():
    assert "KoopWohl" in DECK.attribution and "koopwohl.de" in DECK.attribution
    urls = [item["url"] for g in DECK.other_guides["groups"] for item in g["items"]]
    assert "https://stadtraum.jetzt/mustersprache" in urls
    assert all(url.startswith("https://") for url in urls)
    assert DECK.sources["groups"]


def test_a_second_deck_loads_from_the_same_format(tmp_path):
    data = yaml.safe_load(deck_path("koproduktion").read_text(encoding="utf-8"))
    data["slug"] = "zweiter"
    data["cards"] = [c for c in data["cards"] if c["number"] in (6, 7)]
    data["cards"][0]["refs"] = [7]
    data["cards"][1]["refs"] = [6]
    data["chapters"] = [{"slug": "eins", "number": 1, "title": "Eins", "cards": [6, 7]}]
    path = tmp_path / "zweiter.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    deck = load_deck(path)
    assert [card.number for card in deck.reading_order] == [6, 7]
    assert deck.cards[7].referenced_by == [6]


def test_every_card_has_practice_questions_in_both_registers():
    seen = set()
    for card in DECK.cards.values():
        assert set(card.questions) == set(QUESTION_REGISTERS), f"card {card.number}"
        for register, questions in card.questions.items():
            assert questions, f"card {card.number} has no {register} question"
            for question in questions:
                # They complete "Diese Karte hilft, wenn ihr …": no full stop of their own.
                assert question == question.strip() and "  " not in question, question
                assert question[-1] not in ".?!", question
                assert question not in seen, f"question twice: {question}"
                seen.add(question)


def test_practice_questions_are_written_apart_from_the_measuring_set():
    asked = {case["q"].lower() for case in load_queries()}
    assert len(asked) >= 100
    for card in DECK.cards.values():
        for questions in card.questions.values():
            assert not asked & {q.lower() for q in questions}
    for case in load_queries():
        assert case["cards"] and all(n in DECK.cards for n in case["cards"]), case


def test_every_synonym_leads_to_a_word_the_cards_use():
    index = get_index()
    for word, targets in DECK.search["synonyms"].items():
        for target in targets:
            for w in words(target):
                assert word_stems(w)[0] in index.postings, f"{word} -> {target}"
