"""Attribution on hand-written news paragraphs: cue placement, marks, speakers, kinds, spans."""

from __future__ import annotations

import pytest

from tests.attribute.helpers import article_of, find, quotes_of, speaker_name

pytestmark = pytest.mark.slow

INTRO = "Harbour master Ilse Varga spoke to reporters on the quay in Port Ilse on Thursday."


def test_quote_before_the_attribution() -> None:
    q = find(quotes_of("“The harbour will reopen on Monday,” Varga said."), "reopen")
    assert (q.kind, q.text, q.cue) == ("direct", "The harbour will reopen on Monday", "said")
    assert speaker_name(q) == "Varga"


def test_quote_after_the_attribution() -> None:
    q = find(quotes_of('Ilse Varga told reporters: "Nobody was hurt in the storm."'), "Nobody")
    assert q.kind == "direct" and q.cue == "told reporters" and speaker_name(q) == "Ilse Varga"


def test_quote_around_the_attribution_is_one_statement() -> None:
    quotes = quotes_of("“We lost two days,” Ilse Varga said, “but nobody was hurt.”")
    q = find(quotes, "two days")
    assert len(q.content_spans) == 2 and "nobody was hurt" in q.text and q.kind == "direct"


def test_multi_sentence_quote_is_one_statement() -> None:
    q = find(quotes_of(INTRO, "“The wall held. The boats did not. We will rebuild,” Varga said."), "wall held")
    assert q.text == "The wall held. The boats did not. We will rebuild"
    assert speaker_name(q) == "Ilse Varga"


def test_quote_continued_after_its_attribution_keeps_the_speaker() -> None:
    quotes = quotes_of(INTRO, "“The wall held,” Varga said. “We will rebuild the rest by June.”")
    assert speaker_name(find(quotes, "rebuild the rest")) == "Ilse Varga"


def test_quote_paragraph_continues_the_previous_speaker() -> None:
    quotes = quotes_of(INTRO, "“The wall held,” Varga said.", "“We will rebuild the rest of it by June.”")
    assert speaker_name(find(quotes, "rebuild the rest")) == "Ilse Varga"


def test_reported_speech_with_that_saying_and_adding() -> None:
    quotes = quotes_of(
        "Mayor Otto Brandt said that the ferry would run again on Friday, adding that fares would not rise.",
    )
    said = find(quotes, "ferry would run")
    added = find(quotes, "fares would not rise")
    assert said.kind == added.kind == "indirect"
    assert "adding" not in said.text and speaker_name(added) == "Otto Brandt"


def test_according_to_gives_the_source() -> None:
    q = find(quotes_of("Three boats sank in the storm, according to the coast guard."), "Three boats")
    assert q.cue == "according to" and speaker_name(q) == "coast guard"


def test_quoted_as_saying_keeps_the_channel_out_of_the_speaker() -> None:
    quotes = quotes_of(INTRO, "The port will stay open, Varga was quoted as saying by the agency Nordpress.")
    q = find(quotes, "stay open")
    assert speaker_name(q) == "Ilse Varga" and q.cue == "was quoted as saying"


def test_pronoun_resolves_to_the_last_person_named() -> None:
    quotes = quotes_of(INTRO, "The storm damaged the eastern breakwater, she said.")
    q = find(quotes, "eastern breakwater")
    assert speaker_name(q) == "Ilse Varga" and q.source is not None and q.source.kind == "pronoun"


def test_pronoun_with_nobody_named_is_unknown_not_invented() -> None:
    q = find(quotes_of("The storm damaged the eastern breakwater, he said."), "eastern breakwater")
    assert q.speaker is not None and q.speaker.name is None and q.speaker.type == "unknown"


def test_role_noun_resolves_to_its_holder() -> None:
    quotes = quotes_of(
        "Port spokesman Anton Keller said the cranes were safe.",
        "Repairs will cost about 2 million crowns, the spokesman added.",
    )
    assert speaker_name(find(quotes, "2 million crowns")) == "Anton Keller"


def test_role_and_title_in_apposition_are_kept() -> None:
    quotes = quotes_of("The cranes are safe, Anton Keller, the port's chief engineer, said on Friday.")
    q = find(quotes, "cranes are safe")
    assert q.speaker is not None and q.speaker.role is not None and "chief engineer" in q.speaker.role


def test_description_with_a_name_inside_means_someone_else() -> None:
    quotes = quotes_of(
        "Shipping magnate Lara Moss has criticised the port's response to the storm.",
        "“We need new walls,” the longtime rival of Mayor Otto Brandt said.",
    )
    assert speaker_name(find(quotes, "new walls")) == "Lara Moss"


def test_organisation_acronym_and_generic_noun_resolve() -> None:
    quotes = quotes_of(
        "The Ministry of Transport (MoT) closed the port on Monday.",
        "The closure saved lives, the MoT said on Tuesday.",
        "Ferries will resume on Friday, the ministry added.",
    )
    assert speaker_name(find(quotes, "saved lives")) == "Ministry of Transport"
    ferries = find(quotes, "Ferries will resume")
    assert speaker_name(ferries) == "Ministry of Transport" and ferries.speaker is not None
    assert ferries.speaker.type == "organization"


@pytest.mark.parametrize(
    ("full", "short"), [("Council on Foreign Relations", "CFR"), ("Agence France-Presse", "AFP")]
)
def test_organisation_acronym_skips_function_words(full: str, short: str) -> None:
    quotes = quotes_of(
        f"The {full} published its annual survey of the region on Monday.",
        f"Trade in the region grew by a third last year, the {short} said.",
    )
    assert speaker_name(find(quotes, "grew by a third")) == full


def test_group_source() -> None:
    q = find(quotes_of("The water rose two metres in an hour, local officials said."), "two metres")
    assert q.speaker is not None and q.speaker.type == "group" and speaker_name(q) == "local officials"


def test_mixed_quote() -> None:
    q = find(quotes_of("Varga said the storm was “the worst in forty years” for the harbour."), "worst")
    assert q.kind == "mixed"


def test_scare_quotes_are_not_statements() -> None:
    quotes = quotes_of("The so-called “harbour tax” came into force on Monday, and the council rejected it.")
    assert quotes == []


def test_negated_and_future_speech_is_not_a_statement() -> None:
    quotes = quotes_of(
        "Varga did not say when the port would reopen.",
        "The minister will announce the budget for repairs next week.",
    )
    assert quotes == []


def test_negated_act_of_saying_is_not_a_statement() -> None:
    assert quotes_of("The council did not condemn the strike on the depot.") == []


def test_negated_or_modal_position_is_still_an_attribution() -> None:
    quotes = quotes_of(
        "The harbour authority does not want a second terminal built on the river.",
        "Local traders don't believe the ferry will return before the summer.",
    )
    terminal = find(quotes, "second terminal")
    assert terminal.source is not None and terminal.source.text == "The harbour authority"
    ferry = find(quotes, "ferry will return")
    assert ferry.source is not None and ferry.source.text == "Local traders"


def test_every_part_of_a_quote_is_a_span_of_the_text() -> None:
    article = article_of(INTRO, "“The wall held,” Varga told reporters, “and we will rebuild.”")
    from onrecord.attribute import attribute

    for quote in attribute(article):
        assert quote.text == " ".join(s.of(article.text) for s in quote.content_spans)
        assert quote.cue_span is not None and quote.cue == quote.cue_span.of(article.text)
        assert quote.source is not None and quote.source.text == quote.source.span.of(article.text)


def test_look_alike_letters_do_not_break_the_parse() -> None:
    q = find(quotes_of("Three boats sank, the Transport Мinistry said."), "Three boats")
    assert q.speaker is not None and q.speaker.type == "organization"


def test_relative_pronoun_source_is_its_antecedent() -> None:
    quotes = quotes_of("The storm hit Anton Keller, who said the cranes would be fixed by May, harder than most.")
    q = find(quotes, "cranes would be fixed")
    assert q.source is not None and q.source.text == "who"
    assert speaker_name(q) == "Anton Keller" and q.speaker is not None and "who" not in q.speaker.aliases


def test_colon_at_paragraph_end_introduces_the_next_paragraph() -> None:
    quotes = quotes_of(INTRO, "Varga told reporters:", "“The wall held, and we will rebuild the rest by June.”")
    q = find(quotes, "wall held")
    assert (q.cue, q.kind, speaker_name(q)) == ("told reporters", "direct", "Ilse Varga")


@pytest.mark.parametrize("learned", [False, True])
def test_a_line_labelled_with_a_name_and_a_colon_is_that_name_s_statement(learned: bool) -> None:
    quotes = quotes_of("Varga: Harbour Wall Will Be Rebuilt By June.", INTRO, learned=learned)
    q = find(quotes, "Harbour Wall Will Be Rebuilt By June")
    assert (q.cue, q.text) == (":", "Harbour Wall Will Be Rebuilt By June")
    assert q.source is not None and q.source.text == "Varga" and speaker_name(q) == "Ilse Varga"


def test_a_transcript_speaker_label_holds_the_statements_inside_it() -> None:
    quotes = quotes_of("KESTRAVA: And obviously, you are supporting the harbour plan, I think that is fair to say.")
    q = find(quotes, "And obviously")
    assert q.cue == ":" and q.source is not None and q.source.text == "KESTRAVA"
    assert q.text == "And obviously, you are supporting the harbour plan, I think that is fair to say"


@pytest.mark.parametrize(
    "line",
    [
        "UPDATE: The harbour reopened on Monday after the storm.",
        "Editor's Note: This story has been corrected to fix the date.",
        "READ MORE: Harbour Reopens After Storm Damage",
        "Q: Why did the harbour close for a week?",
        "Photo: Harbour Authority",
        "At 5 p.m.: the harbour closes for the night and reopens at dawn.",
        "the mayor added: the harbour will reopen soon enough for everyone.",
    ],
)
def test_a_label_that_is_not_a_speaker_attributes_nothing(line: str) -> None:
    assert not [q for q in quotes_of(line) if q.cue == ":"]


def test_a_poll_is_a_source_but_never_a_person() -> None:
    quotes = quotes_of(INTRO, "A harbour survey shows that most boats returned within a day.")
    q = find(quotes, "most boats returned")
    assert q.source is not None and q.source.kind == "document"
    assert q.speaker is not None and q.speaker.type == "unknown" and q.speaker.name == "harbour survey"


@pytest.mark.slow
@pytest.mark.parametrize("learned", [False, True])
@pytest.mark.parametrize(
    ("paragraph", "fragment", "name", "role"),
    [
        (
            "The mayor of Harlow, Petra Quist, said the fishing families of the town had waited long enough.",
            "waited long enough",
            "Petra Quist",
            "mayor of Harlow",
        ),
        (
            "President Ana Ruiz spoke in the capital on Monday. Her Interior Ministry said the rebels would "
            "face a tough response.",
            "face a tough response",
            "Interior Ministry",
            None,
        ),
    ],
)
def test_speaker_name_leaves_out_roles_and_possessives(
    paragraph: str, fragment: str, name: str, role: str | None, learned: bool
) -> None:
    quote = find(quotes_of(paragraph, learned=learned), fragment)
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.role) == (name, role)


def test_a_role_with_its_own_office_is_not_merged_into_a_namesake_role_named_later() -> None:
    quotes = quotes_of(
        "The bridge will stay closed until Friday, the spokesman for the coast guard said.",
        "“We have seen no damage to the pillars,” the spokesman said.",
        "City spokeswoman Maren Holt said on Monday that the ferry would run every hour.",
    )
    police = speaker_name(find(quotes, "stay closed"))
    assert police == "spokesman for the coast guard"
    assert speaker_name(find(quotes, "no damage")) == police, "the later bare role is the same spokesman"
    assert speaker_name(find(quotes, "ferry would run")) == "Maren Holt"


def test_a_role_with_its_office_finds_the_holder_of_that_office() -> None:
    quotes = quotes_of(
        "Coast guard spokesman Ivo Brandt visited the harbour on Monday.",
        "The pillars are sound, the spokesman for the coast guard said.",
    )
    assert speaker_name(find(quotes, "pillars are sound")) == "Ivo Brandt"


def test_one_of_a_group_named_in_apposition_is_that_person() -> None:
    q = find(quotes_of("“I lost my nets in the fire,” one of the fishermen, Oskar Brenn, told the radio."), "lost my nets")
    assert speaker_name(q) == "Oskar Brenn"


def test_a_plural_noun_that_speaks_is_a_group_in_the_text_s_own_words() -> None:
    q = find(quotes_of("Dockworkers said the cranes had been idle for a week."), "cranes")
    assert q.speaker is not None and (q.speaker.name, q.speaker.type) == ("Dockworkers", "group")


def test_a_date_is_never_a_cue() -> None:
    quotes = quotes_of("Harbour master Ilse Varga said on Thursday evening that the quay would reopen.")
    assert [q.cue for q in quotes] == ["said"]


def test_a_clause_with_its_own_cue_stays_out_of_another_cue_s_content() -> None:
    quotes = quotes_of(
        "The governor ordered the army to clear the harbour road after the storm, "
        "as the coast guard warned of more flooding."
    )
    ordered = next(q for q in quotes if q.cue == "ordered")
    assert "warned" not in ordered.text and "coast guard" not in ordered.text


def test_who_did_the_quoting_is_not_the_speaker_even_for_the_tagger() -> None:
    quotes = quotes_of("The ferry will run again on Monday, Ilse Varga was quoted as saying by the radio station Kanal 4.")
    q = find(quotes, "ferry will run")
    assert speaker_name(q) == "Ilse Varga" and "Varga" not in q.text


@pytest.mark.parametrize("learned", [True, False])
def test_a_clause_whose_colon_opens_a_quotation_gives_it_to_its_subject(learned: bool) -> None:
    quotes = quotes_of(
        "A port official quoted by the local radio put it more bluntly: “They told us the quay was safe, "
        "and then it flooded.”",
        learned=learned,
    )
    q = find(quotes, "the quay was safe")
    assert q.source is not None and q.source.text == "A port official"
    assert q.kind == "direct"
    # the clause before the colon parsed as the sentence's root
    root = find(quotes_of("The minister repeated his promise: “No family will pay for the repairs.”", learned=learned),
                "No family will pay")
    assert root.source is not None and root.source.text == "The minister"


def test_a_colon_after_a_clause_that_is_no_speaker_attributes_nothing() -> None:
    assert quotes_of("The rules on the quay are simple: “No dogs, no bicycles.”", learned=False) == []
    said = "“They told us the quay was safe, and then it flooded.”"
    assert quotes_of(f"The port official put it bluntly: {said}", learned=False)
    assert quotes_of(f"The port official did not put it bluntly: {said}", learned=False) == []
