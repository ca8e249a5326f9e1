"""Article -> Quotes. (Minimal stand-in that finds nothing; replaced by the attribution stage.)"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from onrecord.model import Article, Quote


def attribute(article: Article) -> list[Quote]:
    return []


def attribute_many(articles: Sequence[Article], n_process: int = 1, batch_size: int = 64) -> Iterator[list[Quote]]:
    for article in articles:
        yield attribute(article)
