"""What kind of act each attribution reports, read by the rules and the tagger alike, on sentences written here."""

from __future__ import annotations

import pytest

from onrecord.attribute.acts import act_of, says_something
from onrecord.attribute.mentions import Para
from onrecord.model import ACTS, STATEMENT_ACTS, Span
from onrecord.nlp import get_nlp
from tests.attribute.helpers import find, quotes_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("sentence", "fragment", "act"),
    [
        ("The harbour master said the quay would reopen in May.", "quay would reopen", "speech"),
        ("“The quay will reopen in May,” the harbour master told reporters on Tuesday.", "quay will reopen", "speech"),
        ("According to the harbour master, the quay will reopen in May.", "quay will reopen", "speech"),
        ("The harbour master wrote that the quay would reopen in May.", "quay would reopen", "writing"),
        ("A statement from the port authority said the quay would reopen in May.", "quay would reopen", "writing"),
        ("According to a court filing, the quay will stay closed until the inquiry ends.", "quay will stay closed", "writing"),
        ("Many fishermen believe the quay will never reopen.", "quay will never reopen", "thought"),
        ("The harbour master thinks the repairs will cost twice as much as planned.", "repairs will cost", "thought"),
        ("An independent study found that the quay had been badly built.", "quay had been badly built", "thought"),
        ("The mayor wants to reopen the quay before the summer season.", "reopen the quay", "intention"),
        ("The port authority is hoping the new quay will draw more ferries.", "new quay will draw", "intention"),
        ("The consultancy estimates that the repairs will cost twice as much.", "repairs will cost", "thought"),
    ],
)
def test_each_attribution_carries_its_act(sentence: str, fragment: str, act: str) -> None:
    assert find(quotes_of(sentence), fragment).act == act


@pytest.mark.parametrize(
    ("sentence", "fragment", "act"),
    [
        ("The harbour master said the quay would reopen in May.", "quay would reopen", "speech"),
        ("A statement from the port authority said the quay would reopen in May.", "quay would reopen", "writing"),
    ],
)
def test_the_rules_read_acts_too(sentence: str, fragment: str, act: str) -> None:
    assert find(quotes_of(sentence, learned=False), fragment).act == act


def test_acts_are_the_five_and_statements_are_speech_and_writing() -> None:
    assert ACTS == ("speech", "writing", "thought", "intention", "perception")
    assert STATEMENT_ACTS == {"speech", "writing"}


@pytest.mark.parametrize(
    ("sentence", "word", "act"),
    [
        ("The minister quipped that the bridge was older than he was.", "quipped", "speech"),
        ("In an interview, the minister promised a new bridge.", "interview", "speech"),
        ("Dashlane offers a free version of its software.", "offers", None),
        ("The queen was said to have disapproved of the idea.", "said", None),
        ("Visitors are warned that the hall is dark.", "warned", None),
        ("The minister was quoted as saying that the hall would reopen.", "quoted", "speech"),
        ("It would appear that the lock is stable.", "appear", "thought"),
        ("The founder declined to say when the lander would be ready.", "say", None),
        ("The company focused on building a referral network.", "focused", None),
    ],
)
def test_a_cue_word_known_as_no_act_has_an_unknown_act(sentence: str, word: str, act: str | None) -> None:
    doc = get_nlp()(sentence)
    (head,) = [t for t in doc if t.text == word]
    assert act_of(head, None) == act


@pytest.mark.parametrize(
    "line",
    [
        "New Price Drop: Apple Watch Series 3 38mm Smart Watch for $169.99 (Originally $200)",
        "Christopher Tays: Two county warrants, possession of marijuana, held in jail in lieu of bond",
        "6A: Wichita North's Miguel Bernal took home first in diving for the Redskins",
        "Disclaimer: The views expressed by the experts on this site are their own.",
    ],
)
def test_a_label_line_that_is_no_speaker_s_statement_is_not_a_statement(line: str) -> None:
    intro = "The harbour master said on Monday that the eastern wall would be rebuilt by June."
    assert all(q.act is None for q in quotes_of(line, intro) if q.cue == ":")


@pytest.mark.parametrize(
    ("sentence", "cue", "content", "says"),
    [
        ("The minister said that the wall held.", "said", "that the wall held", True),
        ("The minister denied any involvement.", "denied", "any involvement", True),
        ("The minister condemned the attack on the market.", "condemned", "the attack on the market", False),
        ("The envoy welcomed the exchange of prisoners.", "welcomed", "the exchange of prisoners", False),
        ("The ministry confirmed the deaths of two soldiers.", "confirmed", "the deaths of two soldiers", True),
        ("The minister testified about the events of the night.", "testified", "about the events of the night", False),
        ("The agency dubbed the combination a new giant.", "dubbed", "the combination", False),
        ("The company declined to comment on the report.", "declined", "to comment on the report", False),
        ("The founder declined to state a date for the launch.", "declined", "to state a date for the launch", False),
        ("The mother called 911 from the car park.", "called", "911", False),
        ("The senator called for an independent inquiry.", "called", "for an independent inquiry", True),
        ("The reporter asked whether the quay would reopen.", "asked", "whether the quay would reopen", False),
        ("The mayor was pressed on what the repairs would cost.", "pressed", "what the repairs would cost", False),
        ("The skipper asked the crew to stay on board.", "asked", "the crew to stay on board", True),
        ("The owner pleaded not guilty to two counts of fraud.", "pleaded", "to two counts of fraud", False),
        ("The winger added two goals to seal the game.", "added", "two goals to seal the game", False),
        ("The patient agreed to be named in the report.", "agreed", "to be named in the report", False),
        ("The minister agreed that the talks had failed.", "agreed", "that the talks had failed", True),
        ("The council declined to send more boats to the harbour.", "declined", "to send more boats to the harbour", False),
        ("Halvard has revealed its second phone, with the Tern 2 going on sale in May.", "revealed",
         "its second phone, with the Tern 2 going on sale in May", False),
        ("The party posted a video containing an edited interview.", "posted", "a video containing an edited interview", False),
        ("The firm published a blog post that said prices would fall.", "published",
         "a blog post that said prices would fall", True),
        ("The firm revealed that prices would fall in May.", "revealed", "that prices would fall in May", True),
    ],
)
def test_content_says_something_when_it_holds_a_verb_or_the_cue_s_object_is_a_claim(
    sentence: str, cue: str, content: str, says: bool
) -> None:
    doc = get_nlp()(sentence)
    (head,) = [t for t in doc if t.text == cue]
    start = sentence.index(content)
    assert says_something(head, Para(doc, 0), [Span(start, start + len(content))]) is says


def test_according_to_a_channel_gives_the_inner_source_the_statement() -> None:
    quotes = quotes_of(
        "The trial resumed in Sydney on Monday.",
        "According to the New Zealand Herald, Professor John Burrows of Canterbury University said the ruling was unusual.",
    )
    outer = [q for q in quotes if q.cue == "According to"]
    (inner,) = [q for q in quotes if q.text == "the ruling was unusual"]
    assert outer and all(q.act is None for q in outer), "the Herald is the channel, not a speaker"
    assert inner.act == "speech" and inner.speaker is not None and inner.speaker.name == "John Burrows"


def test_an_outlet_that_reported_what_someone_told_others_is_the_channel() -> None:
    quotes = quotes_of(
        "Sporting director Aldo Benvenuti told supporters on Tuesday that the club would not sell its best "
        "player this summer, the Tessaro Gazette reported."
    )
    outer = [q for q in quotes if q.cue == "reported"]
    (inner,) = [q for q in quotes if q.text == "the club would not sell its best player this summer"]
    assert outer and all(q.act is None for q in outer), "the Gazette passes on Benvenuti's words"
    assert inner.act == "speech" and inner.speaker is not None and inner.speaker.name == "Aldo Benvenuti"


def test_an_outlet_that_reported_a_finding_is_the_source() -> None:
    quotes = quotes_of("The club lost 18 million euros last year, the Tessaro Gazette reported on Monday.")
    assert find(quotes, "lost 18 million").act == "speech"


def test_according_to_a_speaker_is_the_speaker_s_statement() -> None:
    quotes = quotes_of("The trial resumed in Sydney on Monday.", '"The evidence was never tested," according to defence lawyer Anna Reid.')
    assert find(quotes, "never tested").act == "speech"


def test_in_the_words_of_names_the_speaker() -> None:
    quotes = quotes_of(
        "The trial resumed in Sydney on Monday.",
        "In the words of the Crown prosecutor, Mark Tedeschi, QC, the accused had acted with cold calculation.",
    )
    quote = find(quotes, "cold calculation")
    assert quote.cue == "In the words of" and quote.act == "speech"
    assert quote.speaker is not None and quote.speaker.name == "Mark Tedeschi"
