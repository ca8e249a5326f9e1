"""Article -> Quotes: who said what, each part a span of the document text.

    marks      quotation marks paired into quoted stretches, whatever their glyph
    mentions   a cue's subject read as a source mention (name, pronoun, role, organisation, group)
    cues       verbs of saying and "according to" found in the dependency parse
    content    the characters a cue attributes; direct, indirect or mixed
    resolve    pronouns, surnames, role nouns and acronyms resolved within the article
    timeline   entries at text positions, in order: the resolver's "latest before here" lookups
    orphans    quotes with no cue of their own, continuing the speaker around them
    features   token features for the learned tagger, the same in training and at run time
    tagger     the learned cue / source / content tagger (numpy; weights trained on PolNeAR train)
    paragraphs the body paragraphs parsed, with their quoted stretches and cues
    proposal   what both readers emit: cue, source and content as spans, origin, confidence
    rules      the rules' proposals (cues + content)
    learned    the tagger's proposals
    reconcile  where the two readings differ, what stands
    verify     which of the tagger's proposals to keep, and its confidence in each
    build      proposals -> quotes, speakers resolved in order
    article    the stages above run over one article's body paragraphs
    calibrate  each quote's confidence as the probability that it is a statement by that speaker
    figures    the figures inside each quote as claims: value, unit, what is counted, total
    topics     what each quote is about: its section heading and the entities it names
    lexicon    data only: word lists
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from onrecord.attribute.article import attribute_article
from onrecord.attribute.calibrate import calibrate, get_calibration
from onrecord.attribute.figures import add_claims
from onrecord.attribute.paragraphs import paragraph_spans
from onrecord.attribute.topics import add_topics
from onrecord.attribute.tagger import get_tagger
from onrecord.attribute.verify import get_verifier
from onrecord.model import Article, Quote
from onrecord.nlp import get_nlp

__all__ = ["attribute", "attribute_many"]

MAX_BATCH_CHARS = 50_000
"""spaCy's memory grows with the text of one batch (a 1 MB batch: 3.4 GB): a batch of paragraphs stops
at this many characters as well as at `batch_size` paragraphs. A news article's 256 paragraphs are
about this size; a wall of text cut into pieces (attribute/paragraphs.py) would otherwise be one batch."""


def attribute(article: Article, learned: bool = True) -> list[Quote]:
    """Every attribution in one article."""
    return next(attribute_many([article], learned=learned))


def attribute_many(
    articles: Sequence[Article], n_process: int = 1, batch_size: int = 256, learned: bool = True
) -> Iterator[list[Quote]]:
    """Attribute articles in order, parsing all their paragraphs in one spaCy stream.

    With `learned` (the default) the learned tagger and the rules read each paragraph together;
    without it, the rules alone (faster, less accurate: docs/BENCHMARKS.md has both). Each quote's
    confidence is then calibrated (attribute/calibrate.py).
    """
    nlp = get_nlp()
    tagger = get_tagger() if learned else None
    verifier = get_verifier() if learned else None
    calibration = get_calibration()
    spans = [paragraph_spans(a) for a in articles]
    flat = [span.of(a.analysis_text) for a, group in zip(articles, spans, strict=True) for span in group]
    if n_process > 1:
        docs = iter(nlp.pipe(flat, batch_size=batch_size, n_process=n_process))
    else:
        docs = (doc for batch in batches(flat, batch_size, MAX_BATCH_CHARS) for doc in nlp.pipe(batch, batch_size=len(batch)))
    for article, group in zip(articles, spans, strict=True):
        parsed = [next(docs) for _ in group]
        quotes = attribute_article(article, parsed, tagger, verifier)
        calibrate(quotes, calibration)
        starts = [span.start for span in group]
        add_claims(quotes, parsed, starts)
        add_topics(article, quotes, parsed, starts)
        yield quotes


def batches(texts: Iterable[str], max_texts: int, max_chars: int) -> Iterator[list[str]]:
    """The texts in order, in lists of at most `max_texts` and `max_chars` (a longer text alone)."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) >= max_texts or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch
