"""People who share a surname stay apart within an article (issue 14, section 1).

"Jonas Brandt, a taxi driver" was stored as a statement of Transport Minister Petra Brandt, named
earlier: a name with another given name is another person, whatever the surname. A bare surname
goes to the person the article uses it for, or the one its role words name; where two people fit
equally it stays unresolved, and so does a pronoun after it.
"""

from __future__ import annotations

import pytest

from onrecord.names import same_person, surname_key
from tests.attribute.helpers import find, quotes_of, speaker_name

DEPOT = (
    "Transport Minister Petra Brandt said on Tuesday that the fire at the depot was caused by a faulty cable.",
    '"It was not arson," Brandt told reporters.',
    "Jonas Brandt, a taxi driver who lives nearby, said the smoke had covered the whole district.",
    '"I could not see the end of my street," he said.',
    "Economist Karl Brandt said the closure would cost the city millions.",
    "The minister said the depot would reopen next week. Brandt added that an inquiry would report in July.",
)


@pytest.fixture(scope="module")
def depot() -> list:
    return quotes_of(*DEPOT)


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("faulty cable", "Petra Brandt"),
        ("the smoke had covered", "Jonas Brandt"),
        ("the end of my street", "Jonas Brandt"),
        ("cost the city millions", "Karl Brandt"),
    ],
)
def test_shared_surnames_a_different_given_name_is_a_different_person(
    depot: list, fragment: str, speaker: str
) -> None:
    assert speaker_name(find(depot, fragment)) == speaker


@pytest.mark.parametrize("fragment", ["It was not arson", "an inquiry would report"])
def test_shared_surnames_a_bare_surname_keeps_the_person_the_article_used_it_for(depot: list, fragment: str) -> None:
    """'Brandt' meant the minister before anyone else called Brandt was named: it still does."""
    assert speaker_name(find(depot, fragment)) == "Petra Brandt"


def test_shared_surnames_role_words_pick_the_bearer() -> None:
    quotes = quotes_of(
        "Transport Minister Petra Brandt said the depot would close.",
        '"Brandt said the depot would close," a witness recalled.',
        "Finance Minister Karl Brandt said the closure would cost millions.",
        "Finance Minister Brandt added that insurers would pay half.",
    )
    assert speaker_name(find(quotes, "insurers would pay half")) == "Karl Brandt"


@pytest.mark.parametrize(
    "paragraphs",
    [
        (
            "Petra Brandt and Jonas Brandt both attended the meeting on Monday.",
            "Brandt said the depot would reopen next week.",
            "He added that an inquiry would report in July.",
        ),
        (
            "Petra Brandt, the transport minister, visited the depot on Monday.",
            "Officials said the fire had started overnight.",
            "Jonas Brandt, a taxi driver, was also there. Brandt said the depot would reopen next week.",
        ),
    ],
    ids=["two-people-fit-equally", "another-bearer-named-in-the-paragraph"],
)
def test_shared_surnames_stay_unresolved_when_two_people_fit(paragraphs: tuple[str, ...]) -> None:
    quotes = quotes_of(*paragraphs)
    reopen = find(quotes, "would reopen next week")
    assert reopen.speaker is None or reopen.speaker.name is None
    if len(paragraphs) == 3 and "inquiry" in paragraphs[2]:
        inquiry = find(quotes, "an inquiry would report")
        assert inquiry.speaker is None or inquiry.speaker.name is None


def test_shared_surnames_a_name_suffix_is_not_a_surname() -> None:
    quotes = quotes_of(
        "Vice President Joseph R. Biden Jr. said the bill would pass.",
        "Chief Justice John G. Roberts Jr. said the court would rule in June.",
    )
    assert speaker_name(find(quotes, "the bill would pass")) == "Joseph R. Biden Jr."
    assert speaker_name(find(quotes, "rule in June")) == "John G. Roberts Jr."


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Jonas Brandt", "Petra Brandt", False),
        ("Dmitry Peskov", "Dmitry Sergeyevich Peskov", True),
        ("D. Peskov", "Dmitry Peskov", True),
        ("José Núñez", "Jose Nunez", True),
        ("Brandt", "Petra Brandt", True),
        ("Petra Brandt", "Petra Lind", False),
        ("Joseph R. Biden Jr.", "John G. Roberts Jr.", False),
        ("Joseph R. Biden Jr.", "Joseph Biden", True),
    ],
)
def test_same_person_names(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same and same_person(b, a) is same


def test_surname_key_skips_suffixes_and_folds_accents() -> None:
    assert surname_key("Joseph R. Biden Jr.") == "biden"
    assert surname_key("José Núñez") == "nunez"


def test_a_given_name_alone_is_the_one_person_it_starts() -> None:
    quotes = quotes_of(
        "Mike Ford's brother Dale Ford and his sister Martha Fry spoke to the paper in October.",
        "Dale said the family had written to Mike's agent three times.",
        "Martha said she had not heard from the agent since the funeral.",
    )
    assert speaker_name(find(quotes, "written to Mike")) == "Dale Ford"
    assert speaker_name(find(quotes, "not heard from the agent")) == "Martha Fry"


def test_a_family_name_written_first_is_the_one_person_it_starts() -> None:
    quotes = quotes_of(
        "China's ambassador to Britain, Liu Xiaming, spoke to the BBC on Sunday.",
        "Liu said the central government would not sit on its hands if the situation became uncontrollable.",
    )
    assert speaker_name(find(quotes, "central government")) == "Liu Xiaming"


def test_a_given_name_two_people_share_stays_as_written() -> None:
    quotes = quotes_of(
        "Dale Ford and Dale Hinton both live on the street.",
        "Dale said the fence had been broken for a month.",
    )
    assert speaker_name(find(quotes, "fence had been broken")) not in ("Dale Ford", "Dale Hinton")


def test_a_role_that_belongs_to_a_named_person_is_not_another_holder_of_the_role() -> None:
    quotes = quotes_of(
        "Tim Morrison testified on Tuesday before the committee.",
        "Morrison's lawyer said the question was outside the scope of his testimony.",
        "Earlier, Volker said he had worked with Mr. Trump's personal lawyer, Rudy Giuliani, in the spring.",
    )
    assert speaker_name(find(quotes, "outside the scope")) != "Rudy Giuliani"


def test_an_acronym_is_not_a_given_name() -> None:
    quotes = quotes_of(
        "The ID. Space Vizzion is about as long as a VW Atlas Cross Sport SUV, but narrower and lower.",
        "VW said the car would go 300 miles on a single charge.",
    )
    assert speaker_name(find(quotes, "300 miles")) != "VW Atlas Cross Sport SUV"


def test_a_role_word_left_in_front_of_a_surname_does_not_make_another_speaker() -> None:
    quotes = quotes_of(
        "The star performed two dances for judges Len Goodman, Bruno Tonioli and Carrie Ann Inaba.",
        "“This is not easy. First of all, this is not at all what I expected,” judge Inaba noted.",
    )
    assert speaker_name(find(quotes, "not at all what I expected")) == "Carrie Ann Inaba"



def _fire(surname: str) -> tuple[str, str]:
    return (
        f"Fire Chief Helena {surname} said investigators had examined the main hall. \"There is no evidence at all"
        f" that this fire was set deliberately. It was not arson,\" {surname} said.",
        f"Jonas {surname}, a forklift driver who is not related to the fire chief, raised the alarm. \"I saw black"
        " smoke pouring out of the loading bay,\" he said.",
    )


@pytest.mark.parametrize("surname", ["Varga", "Ekdal"])
def test_shared_surnames_a_bare_surname_before_the_namesake_appears_is_the_one_named_so_far(surname: str) -> None:
    """When "Varga said" is read the article has named one Varga: the other comes a paragraph later. (The
    tagger reads "Fire Chief Helena Varga" as an organisation, and the bare "Ekdal" as a common noun.)"""
    quotes = quotes_of(*_fire(surname))
    assert speaker_name(find(quotes, "no evidence at all")) == f"Helena {surname}"
    assert speaker_name(find(quotes, "black smoke")) == f"Jonas {surname}"


def test_shared_surnames_a_bare_surname_introduced_as_someone_new_is_not_the_known_bearer() -> None:
    """The tagger can miss a given name ("Per" read as a preposition): a bare "Solvang, a crane operator" is
    someone new, not the harbour master, and so is the "he" after it."""
    quotes = quotes_of(
        "Harbour Master Ingrid Solvang said divers had examined the hull. \"There is no sign of sabotage at all,\""
        " Solvang said.",
        "Per Solvang, a crane operator who is not related to the harbour master, saw the ferry list. \"It went over"
        " in less than a minute,\" he said.",
    )
    assert speaker_name(find(quotes, "no sign of sabotage")) == "Ingrid Solvang"
    assert speaker_name(find(quotes, "less than a minute")) != "Ingrid Solvang"


def test_shared_surnames_a_namesake_introduced_since_leaves_the_bare_surname_unresolved() -> None:
    """The article used "Laird" for the dietitian; then it introduces another Laird: a gender-neutral "Dr Laird"
    is no longer hers to take."""
    quotes = quotes_of(
        "Hannah Laird, a dietitian, runs a clinic in Kingsbridge. Laird says most of her patients eat too little"
        " fibre.",
        "Tom Laird (no relation), a consultant at the general hospital, is more sceptical. He told us that patients"
        " spend hundreds of pounds on supplements.",
        "‘Bloating that won’t go away is a see-your-GP problem,’ Dr Laird said.",
    )
    assert speaker_name(find(quotes, "see-your-GP problem")) != "Hannah Laird"


def test_shared_surnames_a_lower_case_word_the_tagger_took_is_no_given_name() -> None:
    """The tagger can read "rang Taylor" as a person: that is no second Taylor."""
    from onrecord.attribute.resolve import _proper_part

    assert [_proper_part(n) for n in ("rang Taylor", "de Gaulle", "Charles de Gaulle", "told Anna Berg")] == [
        "Taylor", "de Gaulle", "Charles de Gaulle", "Anna Berg"]
