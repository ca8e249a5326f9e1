"""`model.shown_name`: which speakers a record shows by name."""

from __future__ import annotations

from onrecord.model import shown_name


def test_a_description_s_own_words_are_no_name() -> None:
    assert shown_name("industry analysts", "group", "group", "industry analysts") is None
    assert shown_name("Black Lawmakers", "person", "description", "top black lawmakers") is None


def test_a_full_name_given_inside_a_description_is_the_name() -> None:
    text = "His former business partner at Lenox, Lawrence B. Cummings"
    assert shown_name("Lawrence B. Cummings", "person", "description", text) == "Lawrence B. Cummings"
    assert shown_name("Lawrence B. Cummings", "person", "description", text, described=True) is None
