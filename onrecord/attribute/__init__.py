"""Article -> Quotes: who said what, each part a span of the document text.

    marks     quotation marks paired into quoted stretches, whatever their glyph
    mentions  a cue's subject read as a source mention (name, pronoun, role, organisation, group)
    cues      verbs of saying and "according to" found in the dependency parse
    content   the characters a cue attributes; direct, indirect or mixed
    resolve   pronouns, surnames, role nouns and acronyms resolved within the article
    timeline  entries at text positions, in order: the resolver's "latest before here" lookups
    orphans   quotes with no cue of their own, continuing the speaker around them
    features  token features for the learned tagger, the same in training and at run time
    tagger    the learned cue / source / content tagger (numpy; weights trained on PolNeAR train)
    verify    which of the tagger's attributions to keep, and its confidence in each
    article   the stages above run over one article's body paragraphs
    lexicon   data only: word lists
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from onrecord.attribute.article import attribute_article, paragraph_texts
from onrecord.attribute.tagger import get_tagger
from onrecord.attribute.verify import get_verifier
from onrecord.model import Article, Quote
from onrecord.nlp import get_nlp

__all__ = ["attribute", "attribute_many"]


def attribute(article: Article, learned: bool = True) -> list[Quote]:
    """Every attribution in one article."""
    return next(attribute_many([article], learned=learned))


def attribute_many(
    articles: Sequence[Article], n_process: int = 1, batch_size: int = 256, learned: bool = True
) -> Iterator[list[Quote]]:
    """Attribute articles in order, parsing all their paragraphs in one spaCy stream.

    With `learned` (the default) the learned tagger and the rules read each paragraph together;
    without it, the rules alone (faster, less accurate: docs/BENCHMARKS.md has both).
    """
    nlp = get_nlp()
    tagger = get_tagger() if learned else None
    verifier = get_verifier() if learned else None
    texts = [list(paragraph_texts(a)) for a in articles]
    flat = [t for group in texts for t in group]
    docs = iter(nlp.pipe(flat, batch_size=batch_size, n_process=n_process))
    for article, group in zip(articles, texts, strict=True):
        yield attribute_article(article, [next(docs) for _ in group], tagger, verifier)
