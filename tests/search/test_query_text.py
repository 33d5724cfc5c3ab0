"""Editors' synonyms: how queries are expanded, and what the admin accepts."""

import pytest
from django.core.exceptions import ValidationError

from search.models import SearchSynonym
from search.query_text import TextQuery, parse_text, split_phrases

GROUPS = [["NHS", "National Health Service"], ["council", "local authority"]]


def test_phrases_and_stray_quotes():
    assert split_phrases('"social care" budget "unbalanced') == TextQuery(
        words="budget unbalanced", phrases=("social care",)
    )
    assert split_phrases("“curly quotes” too") == TextQuery(words="too", phrases=("curly quotes",))


def test_synonyms_become_alternatives():
    query = parse_text("NHS waiting lists", GROUPS)
    assert query == TextQuery(
        words="waiting lists", alternatives=(("NHS", "National Health Service"),)
    )
    query = parse_text("Councils and national health service pay", GROUPS)
    assert query.words == "and pay"
    assert query.alternatives == (
        ("national health service", "NHS"),
        ("Councils", "local authority"),
    )
    assert query.terms == sorted(
        ["and", "pay", "national", "health", "service", "nhs", "councils", "local", "authority"]
    )


def test_quoted_phrases_are_exact_and_words_inside_others_do_not_match():
    assert parse_text('"NHS trust"', GROUPS) == TextQuery(words="", phrases=("NHS trust",))
    assert parse_text("councillor counselling", GROUPS).alternatives == ()


@pytest.mark.django_db
def test_synonyms_come_from_the_database():
    SearchSynonym.objects.create(terms="bins, refuse")
    assert ("bins", "refuse") in parse_text("bins").alternatives


@pytest.mark.parametrize(
    "terms, message",
    [
        ("NHS", "at least two"),
        ("NHS, nhs", "at least two"),
        (", ".join(f"term{n}" for n in range(9)), "at most 8"),
        ("x" * 61 + ", y", "too long"),
        ("NHS, <b>bold</b>", "only letters"),
    ],
)
def test_bad_synonyms_are_form_errors(terms, message):
    with pytest.raises(ValidationError, match=message):
        SearchSynonym(terms=terms).clean()


def test_synonyms_are_tidied():
    synonym = SearchSynonym(terms="  A&E ,accident  and emergency,, A&E ")
    synonym.clean()
    assert synonym.terms == "A&E, accident and emergency"
    assert str(synonym) == "A&E ↔ accident and emergency"
