"""The search query string parser: valid searches parse, anything else is a clear error."""

from datetime import date

import pytest
from django.http import QueryDict

from search.params import MAX_QUERY_LENGTH, InvalidSearch, SearchParams, clean_text, parse

KNOWN_TOPICS = {"housing", "finance"}


def parsed(query):
    return parse(QueryDict(query), lambda slugs: [s for s in slugs if s in KNOWN_TOPICS])


def test_a_full_search_parses():
    params = parsed(
        "q=council+tax&topic=housing&topic=finance&type=news&date=past-year"
        "&from=2025-01-01&to=2025-12-31&sort=newest&page=3&utm_source=newsletter"
    )
    assert params == SearchParams(
        text="council tax",
        topics=("housing", "finance"),
        kind="news",
        period="past-year",
        date_from=date(2025, 1, 1),
        date_to=date(2025, 12, 31),
        sort="newest",
        page=3,
    )
    assert params.order == "newest"


def test_defaults_and_empty_values():
    params = parsed("q=&type=&date=&sort=")
    assert params.is_empty
    assert params.order == "newest"  # nothing typed: newest first
    assert parsed("q=budget").order == "relevance"


def test_query_text_is_normalised():
    assert clean_text("  council\x00\x07 tax\n\t cuts ") == "council tax cuts"
    assert clean_text("cafe\u0301") == "café"  # NFC
    assert clean_text("مرحبا 😀 \u200fשלום") == "مرحبا 😀 \u200fשלום"


@pytest.mark.parametrize(
    "query, message",
    [
        ("q=" + "a" * (MAX_QUERY_LENGTH + 1), "up to 200 characters"),
        ("q=a&q=b", "only once"),
        ("topic=nowhere", "There is no topic “nowhere”"),
        ("topic=%3Cscript%3E", "not valid"),
        ("topic=a&topic=b&topic=c&topic=d&topic=e&topic=f", "up to 5 topics"),
        ("type=podcast", "not a section"),
        ("date=yesterday", "not a date range"),
        ("from=31/12/2025", "must look like 2025-03-31"),
        ("from=2025-02-30", "must look like 2025-03-31"),
        ("to=0001-01-01", "between the years 1900 and 2100"),
        ("from=2025-05-01&to=2025-04-01", "on or before"),
        ("sort=oldest", "relevance"),
        ("page=0", "whole number from 1 to 500"),
        ("page=501", "whole number from 1 to 500"),
        ("page=-1", "whole number"),
        ("page=2.5", "whole number"),
        ("page=%D9%A3", "whole number"),  # an Arabic-Indic digit
        ("page=" + "9" * 5000, "whole number"),
    ],
)
def test_bad_values_are_reader_facing_errors(query, message):
    with pytest.raises(InvalidSearch, match=message):
        parsed(query)


def test_query_string_round_trips_and_toggles():
    params = parsed("q=nhs+pay&topic=housing&type=news&page=2")
    assert parsed(params.query_string()) == params
    assert params.query_string(page=None) == "q=nhs+pay&topic=housing&type=news"
    assert "topic" not in params.query_string(topic=[])


def test_date_bounds_combine_period_and_dates():
    params = parsed("date=older&to=2020-06-30")
    start, end = params.date_bounds()
    assert start is None
    assert end.date() == date(2020, 7, 1)  # "to" includes the whole day
