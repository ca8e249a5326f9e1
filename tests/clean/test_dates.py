"""find_dates: explicit full dates (with an adjacent time) -> ISO; relative or partial dates -> nothing."""

from __future__ import annotations

import pytest

from onrecord.clean.dates import find_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 31, 2023", "2023-05-31"),
        ("May 31, 2023 1:18 pm", "2023-05-31T13:18:00"),
        ("May 31, 2023 1:18 pmISTANBUL", "2023-05-31T13:18:00"),
        ("31 May 2023", "2023-05-31"),
        ("3rd of June 2022", "2022-06-03"),
        ("Sept. 3, 2021 at 10:30 a.m. EDT", "2021-09-03T10:30:00-04:00"),
        ("Published: 31 May 2023, 10:00 MSK", "2023-05-31T10:00:00+03:00"),
        ("11:22 GMT 29.11.2024", "2024-11-29T11:22:00+00:00"),
        ("2023-05-31", "2023-05-31"),
        ("2023-05-31T10:00:00Z", "2023-05-31T10:00:00+00:00"),
        ("2023-05-31T10:00:00+02:00", "2023-05-31T10:00:00+02:00"),
        ("2023/05/31", "2023-05-31"),
        ("05/31/2023", "2023-05-31"),
        ("31/05/2023", "2023-05-31"),
        ("12:00 am Jan 1, 2024", "2024-01-01T00:00:00"),
    ],
)
def test_dates_explicit_forms_parse(text: str, expected: str) -> None:
    assert [d.iso for d in find_dates(text)][:1] == [expected]


@pytest.mark.parametrize(
    "text",
    ["on Wednesday", "Tuesday", "last week", "on May 3", "since the February 2022 invasion",
     "Feb 30, 2023", "May 31, 1066", "13.13.2023", "Mayor 31, 2023", "15 months ago"],
)
def test_dates_relative_or_partial_give_nothing(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("11:22 GMT 29.11.2024 (Updated: 13:03 GMT 29.11.2024)",
      ["2024-11-29T11:22:00+00:00", "2024-11-29T13:03:00+00:00"])],
)
def test_dates_keep_order_and_their_own_times(text: str, expected: list[str]) -> None:
    assert [d.iso for d in find_dates(text)] == expected


@pytest.mark.parametrize("text", ["May 31, 2023 25:61", "May 31, 2023 13:00 pm"])
def test_dates_impossible_time_keeps_the_date(text: str) -> None:
    assert [d.iso for d in find_dates(text)] == ["2023-05-31"]
