"""The one pipeline: read -> clean -> attribute. Every interface runs articles through here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from onrecord.attribute import attribute_many
from onrecord.clean import clean
from onrecord.errors import ReadError
from onrecord.model import Article, Document
from onrecord.read import DEFAULT_MAX_BYTES, read_paths


def extract(docs: Iterable[Document]) -> Iterator[Article]:
    """Clean and attribute documents, parsing them in batches."""
    articles = [clean(doc) for doc in docs]
    for article, quotes in zip(articles, attribute_many(articles)):
        article.quotes = quotes
        article.validate()
        yield article


def process_paths(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 32
) -> Iterator[Article | ReadError]:
    """Read files and directories and yield an Article per document, or the ReadError of a bad file."""
    batch: list[Document] = []
    for item in read_paths(paths, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            yield from extract(batch)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from extract(batch)
            batch = []
    yield from extract(batch)
