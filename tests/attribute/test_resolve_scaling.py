"""Issue 13: resolving speakers and placing orphan quotes cost work in proportion to the article, not its square.

Work is counted, never timed: the bytecode instructions run in resolve.py, timeline.py and
orphans.py while the rules attribute an article of N blocks and one of 4N blocks. Each block
uses every kind of lookup: pronouns for a person, an organisation and a group, a role noun with
its holder, a generic "official", an acronym, a definite description, "the authority", quotes
with and without a cue. Before the fix each pronoun scanned every earlier subject and each
quoted stretch every earlier quote: 4N blocks cost ten times N blocks' work.

The indexed lookups answer as the scans did, down to when a Speaker is first made (its role);
tests/attribute/test_timeline.py checks the lookups against full scans.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from onrecord.attribute import orphans, resolve, timeline
from onrecord.attribute.article import attribute_article, paragraph_texts
from onrecord.nlp import get_nlp
from tests.attribute.helpers import article_of, find, quotes_of, speaker_name

pytestmark = pytest.mark.slow

BLOCK = (
    "Defence Minister Ana Berg said the border with Kestrava would stay closed until further notice.",
    '"We will not give way to threats from anyone," she said on Tuesday.',
    "The minister said talks with the neighbours would resume in June.",
    "The Baltic Harbour Authority (BHA) said the port would reopen on Monday. It said repairs were done.",
    "The BHA said later that two ferries had been damaged.",
    "An official said the authority had not been told about the closure.",
    '"The ships are waiting and the crews are tired of waiting for any news at all," the official added.',
    '"Every day of this costs us money that we will never see again," he said.',
    '"Nobody in this town has been paid for weeks and the banks are closed."',
    "Fishermen said they would protest. They said the catch was rotting.",
    "The woman who spoke to Berg said the harbour was empty.",
    "The authority said it would pay the crews.",
)
COUNTED = {
    resolve.__file__: "resolve",
    str(Path(resolve.__file__).with_name("timeline.py")): "resolve",
    orphans.__file__: "orphans",
}
"""The modules whose work is counted, under the name of the step they do (timeline.py serves resolve.py)."""
LINEAR_SLACK = 4.5
"""4N blocks may cost at most this many times N blocks' work (exactly linear is 4; the quadratic code gave 10)."""
BLOCKS = 4


@dataclass
class Work:
    """Bytecode instructions run per counted step, and the speaker of each quote."""

    steps: Counter[str]
    speakers: list[str | None]


def _work(blocks: int) -> Work:
    """The work of the rules attributing an article of `blocks` blocks (parsed beforehand, not counted)."""
    return _work_on(BLOCK * blocks)


def _work_on(paragraphs: tuple[str, ...]) -> Work:
    """The work of the rules attributing an article of these paragraphs (parsed beforehand, not counted)."""
    article = article_of(*paragraphs)
    docs = list(get_nlp().pipe(list(paragraph_texts(article))))
    steps: Counter[str] = Counter()

    def counter(step: str) -> Callable[[FrameType, str, Any], Any]:
        def count(frame: FrameType, event: str, arg: Any) -> Any:
            if event == "opcode":
                steps[step] += 1
            return count

        return count

    def enter(frame: FrameType, event: str, arg: Any) -> Any:
        step = COUNTED.get(frame.f_code.co_filename)
        if step is None:
            return None
        frame.f_trace_opcodes = True
        frame.f_trace_lines = False
        return counter(step)

    previous = sys.gettrace()
    sys.settrace(enter)
    try:
        quotes = attribute_article(article, docs, tagger=None)
    finally:
        sys.settrace(previous)
    return Work(steps, [q.speaker.name if q.speaker else None for q in quotes])


@pytest.fixture(scope="module")
def small_and_large() -> tuple[Work, Work]:
    return _work(BLOCKS), _work(4 * BLOCKS)


@pytest.mark.parametrize("step", ["resolve"])
def test_resolve_work_grows_linearly_with_the_article(small_and_large: tuple[Work, Work], step: str) -> None:
    small, large = small_and_large
    assert large.speakers == small.speakers * 4
    assert large.steps[step] <= LINEAR_SLACK * small.steps[step], (small.steps, large.steps)


@pytest.mark.parametrize("step", ["orphans"])
def test_orphans_work_grows_linearly_with_the_article(small_and_large: tuple[Work, Work], step: str) -> None:
    small, large = small_and_large
    assert large.steps[step] <= LINEAR_SLACK * small.steps[step], (small.steps, large.steps)


@pytest.mark.parametrize("blocks", [1])
def test_resolve_block_resolves_every_kind_of_mention(blocks: int) -> None:
    assert _work(blocks).speakers == [
        "Ana Berg", "Ana Berg", "Ana Berg",
        "Baltic Harbour Authority", "Baltic Harbour Authority", "Baltic Harbour Authority",
        "Ana Berg", "Ana Berg", "Ana Berg", "Ana Berg",
        "Fishermen", "Fishermen", "woman", "Baltic Harbour Authority",
    ]


@pytest.mark.parametrize("learned", [False, True])
def test_resolve_pronoun_fixes_the_role_of_every_subject_before_it(learned: bool) -> None:
    # A pronoun used to make the Speaker of every earlier subject, with the role the article first gives
    # it; a Speaker keeps the role it was made with. The indexed lookup must make them at the same moment.
    quotes = quotes_of(
        "Defence Minister Ana Berg visited the port on Monday.",
        "Prime Minister Ilse Varga toured the docks.",
        "She said the talks would go on.",
        "Party leader Ana Berg said the vote was close.",
        learned=learned,
    )
    assert speaker_name(find(quotes, "talks")) == "Ilse Varga"
    berg = find(quotes, "vote").speaker
    assert berg is not None and berg.role == "Defence Minister"


FIRST = ("Anna", "Peter", "Maria", "John", "Elena", "David", "Laura", "Michael", "Sofia", "Thomas", "Julia", "Robert")
LAST = ("Berg", "Novak", "Walsh", "Keller", "Moreau", "Larsen", "Costa", "Fischer", "Hughes", "Duval", "Brandt", "Olsen")
CROWD = (
    "Deputy Minister {first} {last} said the budget for {last} county was fine.",
    '"We will not move on this," the official said.',
    "The ministry said it would wait, and the spokesman told reporters the plan held.",
    '"It is too early to say," the deputy minister said.',
)
"""A block that brings in a new person each time: a hostile text (or a list of names) with thousands of people."""


def _crowd(people: int) -> tuple[str, ...]:
    names = [(first, last) for last in LAST for first in FIRST][:people]
    return tuple(line.format(first=first, last=last) for first, last in names for line in CROWD)


def _lookups(monkeypatch: pytest.MonkeyPatch, paragraphs: tuple[str, ...]) -> int:
    """How many times the resolver looks a position up in a Track while the rules attribute the paragraphs."""
    calls = Counter[str]()
    for method in ("count", "latest", "last", "around"):
        original = getattr(timeline.Track, method)

        def counted(self: timeline.Track[Any], *args: Any, _original: Any = original, _name: str = method) -> Any:
            calls[_name] += 1
            return _original(self, *args)

        monkeypatch.setattr(timeline.Track, method, counted)
    _work_on(paragraphs)
    monkeypatch.undo()
    return sum(calls.values())


@pytest.mark.parametrize(("people", "recent"), [(48, 6)])
def test_resolve_lookups_stay_linear_with_thousands_of_names(
    monkeypatch: pytest.MonkeyPatch, people: int, recent: int
) -> None:
    """Generic roles ("the official"), role nouns and "the ministry" look at the names of the last RECENT
    mentions only, so each new name does not lengthen every later lookup (RECENT is made small here, so
    that a short text holds more names than it). Looking at every name: 3x the people, 5.2x the lookups."""
    monkeypatch.setattr(timeline, "RECENT", recent)
    small = _lookups(monkeypatch, _crowd(people))
    monkeypatch.setattr(timeline, "RECENT", recent)
    large = _lookups(monkeypatch, _crowd(3 * people))
    assert large <= 3 * 1.25 * small, (small, large)
