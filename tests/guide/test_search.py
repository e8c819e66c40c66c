"""Search ranking: a set of queries people type, with the cards they should find."""

import pytest

from guide.search import get_index, stem, words

INDEX = get_index()


def top(query: str, n: int = 3) -> list[int]:
    return [hit.card.number for hit in INDEX.search(query).hits[:n]]


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        ("Koproduktion", 6, 1),
        ("Ko-Produktion", 6, 1),
        ("Ko-Produktion", 7, 2),
        ("Teilhabe", 8, 1),
        ("Daseinsvorsorge", 9, 1),
        ("Legitimation", 15, 3),
        ("Ehrenamt", 26, 1),
        ("ehrenamtliche Mitarbeiter", 26, 3),
        ("Finanzierung", 22, 1),
        ("Verstetigung", 34, 1),
        ("Mandat", 41, 1),
        ("Gremien", 41, 2),
        ("Konsens", 42, 1),
        ("Entscheidungen treffen", 42, 1),
        ("Reflexion", 46, 1),
        ("Reflektion", 46, 1),
        ("Personalfluktuation", 48, 1),
        ("Moderation", 49, 2),
        ("Videokonferenz", 50, 1),
        ("online treffen", 50, 1),
        ("Transparenz", 52, 1),
        ("Öffentlichkeit", 52, 1),
        ("oeffentlichkeit", 52, 1),
        ("OEFFENTLICHKEIT", 52, 1),
        ("Skalierung", 38, 1),
        ("Rollenkonflikte", 27, 1),
        ("Rollen", 27, 3),
        ("Streit", 24, 3),
        ("Geld für Stellen", 22, 2),
        ("Vereinbarung", 6, 2),
    ],
)
def test_queries_find_the_card_that_answers_them(query, expected, within):
    assert expected in top(query, within), f"{query!r} gave {top(query, 6)}"


def test_umlauts_sharp_s_and_their_spellings_are_the_same_word():
    assert stem("Straße") == stem("Strasse")
    assert stem("häuser") == stem("haeuser")
    assert top("Ruecksprache", 5) == top("Rücksprache", 5)


def test_gender_forms_are_one_word():
    assert words("Partner:innen Mitarbeiter*innen") == ["partnerinnen", "mitarbeiterinnen"]


def test_spelling_variants_of_the_guide_find_each_other():
    assert set(top("Reflexion", 3)) == set(top("Reflektion", 3))


def test_results_are_ranked_and_snippets_highlight_the_match():
    results = INDEX.search("Transparenz")
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True)
    assert "<mark>Transparenz</mark>" in results.hits[0].snippet


def test_snippets_escape_html():
    hit = INDEX.search("Transparenz <script>").hits[0]
    assert "<script>" not in hit.snippet


def test_a_question_in_plain_words_returns_fitting_cards():
    results = INDEX.search("Wir sind Ehrenamtliche und haben abends kaum Zeit für Treffen")
    assert 26 in [hit.card.number for hit in results.hits[:5]]
    assert "wir" in results.ignored


@pytest.mark.parametrize("query", ["", "   ", "der die das", "!!!", "x" * 5000, "%00", "🙂"])
def test_empty_or_absurd_queries_never_fail(query):
    results = INDEX.search(query)
    assert results.hits == []


def test_a_typo_is_corrected_to_the_closest_word_of_the_guide():
    results = INDEX.search("Transperenz")
    assert results.corrections == {"transperenz": "Transparenz"}
    assert results.searched_for == "Transparenz"
    assert top("Transperenz", 1) == [52]


def test_only_the_word_that_matches_nothing_is_corrected():
    results = INDEX.search("Finanzirung von Stellen")
    assert results.corrections == {"finanzirung": "Finanzierung"}
    assert results.searched_for == "Finanzierung von Stellen"


def test_a_word_too_far_from_any_gets_a_suggestion_instead():
    results = INDEX.search("Legimitazion")
    assert results.hits == [] and results.corrections == {}
    assert "legitimation" in results.suggestions


def test_a_compound_the_guide_does_not_use_finds_its_parts():
    for compound in ["haushaltsmittel", "kooperationsabkommen"]:
        assert not any(compound[:-2] in indexed for indexed in INDEX.vocabulary)
    assert top("Haushaltsmittel", 1) == [22]
    assert 6 in top("Kooperationsabkommen", 2)


def test_a_part_of_a_compound_finds_the_whole():
    # "Fluktuation" occurs in the guide only inside "Personalfluktuation".
    assert top("Fluktuation", 1) == [48]
    assert 6 in top("Vertrag", 2)


def test_compound_parts_are_highlighted_in_the_snippet():
    hit = INDEX.search("Fluktuation").hits[0]
    assert "<mark>Personalfluktuation</mark>" in hit.snippet


def test_the_practice_questions_lead_to_their_card():
    for card in INDEX.deck.cards.values():
        for questions in card.questions.values():
            for question in questions:
                assert card.number in top(question, 3), (card.number, question)


def test_a_word_the_guide_does_not_use_finds_nothing_rather_than_noise():
    assert INDEX.search("Quantenchromodynamik").hits == []
