"""The statement matcher on sentences written here: what must count as one statement, what must not."""

from __future__ import annotations

import pytest

from onrecord.link.match import (
    THRESHOLD,
    Matcher,
    negation_mismatch,
    normalise,
    numbers,
    numbers_conflict,
    same_words,
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.load()


def test_normalise_unifies_quotes_dashes_case_and_spaces() -> None:
    assert normalise("“It WASN’T arson” — he said,  in 2003.") == "it was not arson he said in 2003"
    assert normalise("'It wasn't arson' - he said, in 2003") == "it was not arson he said in 2003"
    assert normalise("Costs rose to $2,500.50.") == "costs rose to 2,500.50"


def test_numbers_reads_digits_and_words() -> None:
    assert numbers("Twelve people, 1,000 dollars, 5 million, 3.0 percent") == {"12", "1000", "5e+06", "million", "3"}
    assert numbers("He said so on Monday.") == set()


def test_numbers_read_a_number_and_its_scale_word_as_one() -> None:
    """A translation's "300 thousand" is the "300,000" of another outlet: no conflict between the two."""
    assert not numbers_conflict("Minimum 300 thousand bulletins were thrown", "at least 300,000 ballots were stuffed")
    assert not numbers_conflict("Sales rose to 1.76 billion euros.", "Sales rose to 1.76bn.")
    assert not numbers_conflict("all of its million-plus workers", "its workers, more than 1 million")
    assert numbers("one million people") == numbers("a million people") == {"1e+06", "million"}
    assert numbers("thousands of people") == set()
    assert not numbers_conflict("Some 1.5 million people were evacuated.", "1,500,000 people left their homes.")
    assert numbers_conflict("Some 1.5 million people were evacuated.", "Two million people left their homes.")


def test_numbers_conflict_only_when_each_side_has_its_own() -> None:
    assert numbers_conflict("Twelve people died.", "15 people died.")
    assert not numbers_conflict("12 people died in 2003.", "12 people died.")
    assert not numbers_conflict("Twelve people died.", "People died.")


def test_numbers_read_compound_number_words() -> None:
    assert numbers("Twenty-eight people and ninety five percent") == {"28", "95"}
    assert not numbers_conflict("Thirty-two soldiers have been killed.", "A total of 32 soldiers were killed.")
    assert numbers_conflict("Twenty-eight people were there.", "Twenty-seven people were there.")


def test_a_year_conflicts_only_with_another_year() -> None:
    assert not numbers_conflict("As part of a 2001 agreement, the two were sent back.", "Under the deal, two men were sent back.")
    assert numbers_conflict("The plant was built in 2001.", "The plant was built in 2003.")
    assert numbers_conflict("more than 2,000 insurgents took part", "2,100 combatants took part")


def test_a_number_matches_its_own_rounding() -> None:
    assert not numbers_conflict("The index slipped 1.23 percent.", "The index slipped 1.2 percent.")
    assert numbers_conflict("The index slipped 1.23 percent.", "The index slipped 1.3 percent.")
    assert numbers_conflict("Shares fell 3.46 percent.", "Shares fell almost 4 percent.")


def test_negation_mismatch_needs_the_shared_content() -> None:
    assert negation_mismatch("The chief said the fire was not arson.", "The fire was arson, the chief said.")
    assert negation_mismatch("Officials denied the bridge was closed.", "The bridge was closed, officials said.")
    assert not negation_mismatch("The fire was not arson.", "'It wasn't arson,' he said.")
    assert not negation_mismatch("No decision has been taken on the budget, but the fire was arson.", "The fire was arson.")


def test_truncation_is_the_same_statement(matcher: Matcher) -> None:
    full = "We will rebuild every school damaged in the floods before winter, and we will pay for it."
    assert same_words(full, "we will rebuild every school damaged in the floods")
    assert matcher.same([(full, "We will rebuild every school damaged in the floods")]) == [True]


def test_a_negated_containment_is_not_the_same_statement(matcher: Matcher) -> None:
    assert not same_words("Officials denied the fire was arson.", "The fire was arson.")
    assert matcher.same([("Officials denied the fire was arson.", "The fire was arson.")]) == [False]


def test_direct_and_indirect_versions_are_the_same_statement(matcher: Matcher) -> None:
    pair = ("'The fire was not arson,' the fire chief said on Monday.", "The fire chief said on Monday that the fire was not arson.")
    assert not same_words(*pair)
    assert matcher.same([pair]) == [True]


def test_two_translations_of_one_remark_are_the_same_statement(matcher: Matcher) -> None:
    pair = (
        "Peskov said Moscow regarded the drone attack on the capital as a terrorist act and would respond.",
        "Moscow considers the drone attack on the capital an act of terrorism and will respond to it, Peskov said.",
    )
    assert matcher.same([pair]) == [True]


def test_two_claims_from_one_briefing_stay_apart(matcher: Matcher) -> None:
    pairs = [
        (
            "The governor said three new hospitals would open in the region by the end of the year.",
            "The governor said the police had arrested two men suspected of setting the warehouse on fire.",
        ),
        (
            "Police have arrested two suspects in the robbery, the spokesman said.",
            "The spokesman said police were still searching for the getaway car.",
        ),
    ]
    assert matcher.same(pairs) == [False, False]
    assert all(p < THRESHOLD for p in matcher.probabilities(pairs))


def test_a_negated_claim_is_not_the_same_statement(matcher: Matcher) -> None:
    pair = ("The mayor said the bridge was safe to use.", "The mayor said the bridge was not safe to use.")
    assert matcher.same([pair]) == [False]


def test_different_numbers_are_not_the_same_statement(matcher: Matcher) -> None:
    pair = ("Twelve people were killed in the blast, the ministry said.", "The ministry said 15 people were killed in the blast.")
    assert matcher.same([pair]) == [False]


def test_probabilities_are_batched_and_in_order(matcher: Matcher) -> None:
    paraphrase = ("The minister resigned on Friday.", "On Friday the minister stepped down.")
    unrelated = ("The minister resigned on Friday.", "Wheat prices fell sharply in the spring.")
    probabilities = matcher.probabilities([unrelated, paraphrase] * 20 + [paraphrase])
    assert len(probabilities) == 41 and all(0.0 <= p <= 1.0 for p in probabilities)
    assert probabilities[1] > probabilities[0]
    assert probabilities[0] == pytest.approx(probabilities[38], abs=1e-4)
    assert matcher.probabilities([]) == [] and matcher.same([]) == []


def test_load_reads_the_weights_once() -> None:
    assert Matcher.load() is Matcher.load()
