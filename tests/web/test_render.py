"""render: escaped search-term marks, the evidence text cut at every span boundary, the timeline chart."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from onrecord.web import render

IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"
ATTR_PAYLOAD = "\"'><svg onload=alert(1)>"


def make_quote(
    quote_id: int,
    content: list[tuple[int, int]],
    cue: tuple[int, int] | None = None,
    source: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """A quote shaped as `queries.get_article` returns it (only what segmenting reads)."""
    mention = {"start": source[0], "end": source[1], "text": "x", "kind": "name"} if source else None
    return {"id": quote_id, "content_spans": [list(s) for s in content], "cue_span": list(cue) if cue else None,
            "mention": mention}


def text_of(segments: list[render.Segment]) -> str:
    return "".join(segment.text for segment in segments)


def segment_at(segments: list[render.Segment], position: int) -> render.Segment:
    return next(s for s in segments if s.start <= position < s.end)


TEXT = 'Kremlin spokesman Dmitry Peskov said: "We saw the reaction." He added that it would improve.'


def find(part: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("text", "body", "headings", "quotes"),
    [
        (TEXT, [(0, len(TEXT))], [], []),
        (TEXT, [], [], []),
        ("", [], [], []),
        (TEXT, [find("Kremlin spokesman Dmitry Peskov said:")], [find("Kremlin")],
         [make_quote(1, [find("We saw the reaction.")], find("said"), find("Dmitry Peskov")),
          make_quote(2, [find("it would improve")], find("added"), find("He"))]),
        (TEXT, [(0, 40), (30, 80)], [(5, 12)],
         [make_quote(1, [(10, 50), (60, 70)], (12, 14), (0, 5)), make_quote(2, [(20, 30)], (25, 45), (10, 15))]),
        # spans running past either end or empty are clipped or dropped, never breaking the text
        (TEXT, [(-5, 10), (len(TEXT) - 3, len(TEXT) + 50)], [(7, 7)], [make_quote(3, [(4, 4), (80, 500)])]),
    ],
)
def test_render_segments_concatenate_to_the_text_exactly(text, body, headings, quotes) -> None:
    segments = render.article_segments(text, body, headings, quotes)
    assert text_of(segments) == text
    assert all(s.start < s.end and s.text == text[s.start : s.end] for s in segments)
    assert [s.start for s in segments[1:]] == [s.end for s in segments[:-1]]


@pytest.mark.parametrize("seed", range(8))
def test_render_segments_match_every_span_for_random_spans(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice("ab \n“”<>&") for _ in range(rng.randint(1, 120)))

    def span() -> tuple[int, int]:
        start = rng.randrange(len(text))
        return start, rng.randint(start + 1, len(text))

    quotes = [make_quote(i, [span() for _ in range(rng.randint(1, 3))], span(), span()) for i in range(1, 6)]
    body = [span() for _ in range(3)]
    segments = render.article_segments(text, body, [span()], quotes)
    assert text_of(segments) == text
    for segment in segments:
        in_body = any(s <= segment.start and segment.end <= e for s, e in body)
        covering = {q["id"] for q in quotes if any(s <= segment.start and segment.end <= e for s, e in q["content_spans"])}
        assert segment.body == in_body
        assert covering <= set(segment.quote_ids)
        assert ("content" in segment.roles) == bool(covering)


@pytest.mark.parametrize(
    ("position", "quote_ids", "classes"),
    [
        (find("Dmitry")[0], (1,), ["src"]),
        (find("said")[0], (1,), ["cue"]),
        (find("We saw")[0], (1, 2), ["content"]),  # nested: quote 2 lies inside quote 1
        (find("reaction")[0], (1, 2), ["cue", "content"]),  # quote 2's cue inside quote 1's content
        (find('."')[0], (1,), ["content"]),
        (find("He added")[0], (), []),
    ],
)
def test_render_segments_combine_overlapping_roles(position: int, quote_ids: tuple[int, ...], classes: list[str]) -> None:
    quotes = [
        make_quote(1, [find('"We saw the reaction."')], find("said"), find("Dmitry Peskov")),
        make_quote(2, [find("We saw the reaction")], find("reaction"), None),
    ]
    segment = segment_at(render.article_segments(TEXT, [(0, len(TEXT))], [], quotes), position)
    assert segment.quote_ids == quote_ids
    assert segment.classes == classes


@pytest.mark.parametrize(
    ("part", "classes"),
    [
        ("Kremlin spokesman", ["boilerplate"]),
        ("Dmitry Peskov", ["boilerplate", "src"]),
        ('"We saw the reaction."', ["content"]),
        ("He added that it", []),
        ("would improve.", ["heading"]),  # a heading outside the body is bold, not greyed
    ],
)
def test_render_segments_mark_boilerplate_outside_the_body(part: str, classes: list[str]) -> None:
    body = [find('"We saw the reaction." He added that it')]
    quotes = [make_quote(1, [find('"We saw the reaction."')], None, find("Dmitry Peskov"))]
    segments = render.article_segments(TEXT, body, [find("would improve.")], quotes)
    assert segment_at(segments, find(part)[0]).classes == classes


def test_render_segments_anchor_each_quote_on_its_first_content_segment() -> None:
    quotes = [
        make_quote(7, [find("it would improve"), find("We saw")], find("added"), find("He")),
        make_quote(8, [find("it would improve")]),
        make_quote(9, [], find("said"), None),  # no content: anchored on its first span
    ]
    segments = render.article_segments(TEXT, [(0, len(TEXT))], [], quotes)
    anchored = {segment.start: segment.anchors for segment in segments if segment.anchors}
    assert anchored == {find("We saw")[0]: (7,), find("it would improve")[0]: (8,), find("said")[0]: (9,)}
    html = str(render.article_html(segments))
    for quote_id in (7, 8, 9):
        assert html.count(f'id="q{quote_id}"') == 1
    assert 'id="q7" tabindex="0"' in html


@pytest.mark.parametrize("payload", [IMG_PAYLOAD, SCRIPT_PAYLOAD, ATTR_PAYLOAD])
def test_render_article_html_escapes_the_text(payload: str) -> None:
    text = f"Before {payload} said he. {payload}"
    quotes = [make_quote(4, [find(payload, text)], find("said", text), find("he", text))]
    html = str(render.article_html(render.article_segments(text, [(0, 20)], [], quotes)))
    assert payload not in html
    assert re.sub(r"<[^>]+>", "", html).count("&lt;") == 2 * payload.count("<")
    assert 'data-q="4"' in html and 'class="content"' in html and 'class="boilerplate"' in html


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Air defense will improve", "defense", "Air <mark>defense</mark> will improve"),
        ("AIR Defense", "air", "<mark>AIR</mark> Defense"),
        ("a condemnation, condemned", "condemn*", "a <mark>condemn</mark>ation, <mark>condemn</mark>ed"),
        ("a condemnation", "condemn", "a condemnation"),  # no prefix star: whole words only
        ("the air defense and air  defense", '"air defense"', "the <mark>air defense</mark> and <mark>air  defense</mark>"),
        ("defense of the air", '"air defense"', "defense of the air"),  # a phrase keeps its order
        ("the café was destroyed", "cafe", "the <mark>café</mark> was destroyed"),  # accents folded as FTS does
        ("Mayor José Núñez", "nunez", "Mayor José <mark>Núñez</mark>"),
        ("air defense system", 'air "defense system"', "<mark>air</mark> <mark>defense system</mark>"),
        ("nothing to see", "", "nothing to see"),
        ("nothing to see", '*"; --', "nothing to see"),
        ("a < b & c", "b", "a &lt; <mark>b</mark> &amp; c"),
    ],
)
def test_render_highlight_terms_marks_words_phrases_and_prefixes(text: str, query: str, expected: str) -> None:
    assert str(render.highlight_terms(text, query)) == expected


@pytest.mark.parametrize("payload", [IMG_PAYLOAD, SCRIPT_PAYLOAD, ATTR_PAYLOAD])
@pytest.mark.parametrize("query", ["alert", "img src", "script*", "onerror", '"svg onload"', IMG_PAYLOAD, "mark"])
def test_render_highlight_terms_escapes_everything_but_its_marks(payload: str, query: str) -> None:
    html = str(render.highlight_terms(f"{payload} said <mark>", query))
    assert payload not in html
    tags = re.findall(r"<[^>]*>", html)
    assert set(tags) <= {"<mark>", "</mark>"}
    assert tags.count("<mark>") == tags.count("</mark>")


def weeks(*pairs: tuple[str, int]) -> list[dict[str, Any]]:
    return [{"week": week, "quotes": count} for week, count in pairs]


@pytest.mark.parametrize(
    ("per_week", "labels", "counts"),
    [
        (weeks(), [], []),
        (weeks(("2023-05-29", 3)), ["2023-05-29"], [3]),
        (weeks(("2023-05-29", 2), ("2023-06-19", 1)), ["2023-05-29", "2023-06-05", "2023-06-12", "2023-06-19"],
         [2, 0, 0, 1]),
        (weeks(("2023-01-02", 1), ("2023-01-16", 4), ("2023-01-09", 0)), ["2023-01-02", "2023-01-09", "2023-01-16"],
         [1, 0, 4]),
    ],
)
def test_render_timeline_bars_fill_the_gaps_with_zero_weeks(per_week, labels: list[str], counts: list[int]) -> None:
    bars = render.timeline_bars(per_week, [])
    assert [bar.label for bar in bars] == labels
    assert [bar.quotes for bar in bars] == counts


def test_render_timeline_bars_go_monthly_over_long_ranges() -> None:
    # The week of Monday 2023-12-25 runs into January: the monthly bars come from calendar months.
    months = [{"month": "2022-01", "quotes": 3}, {"month": "2023-12", "quotes": 4}, {"month": "2024-01", "quotes": 1}]
    bars = render.timeline_bars(weeks(("2022-01-03", 2), ("2022-01-24", 1), ("2023-12-25", 5)), months)
    assert len(bars) == 25
    assert (bars[0].label, bars[0].quotes) == ("2022-01", 3)
    assert [(bar.label, bar.quotes) for bar in bars[-2:]] == [("2023-12", 4), ("2024-01", 1)]
    assert sum(bar.quotes for bar in bars[1:-2]) == 0


def test_render_timeline_svg_draws_a_titled_bar_per_period() -> None:
    bars = render.timeline_bars(weeks(("2023-05-29", 2), ("2023-06-19", 1)), [])
    svg = str(render.timeline_svg(bars, f"Statements by {IMG_PAYLOAD}"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('<rect class="bar"') == 4
    assert svg.count('<g class="week zero">') == 2
    assert "<title>week of 2023-06-05: 0 statements</title>" in svg
    assert "<title>week of 2023-05-29: 2 statements</title>" in svg
    assert IMG_PAYLOAD not in svg
    assert "style" not in svg
    assert str(render.timeline_svg([], "empty")) == ""


@pytest.mark.parametrize(("published", "shown"), [("2023-05-30T18:00:00+00:00", "2023-05-30"), (None, "date unknown")])
def test_render_day_shows_the_date_or_says_it_is_unknown(published: str | None, shown: str) -> None:
    assert render.day(published) == shown
