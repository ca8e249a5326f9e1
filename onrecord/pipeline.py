"""The one pipeline: read -> clean -> attribute. Every interface runs articles through here."""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence

from onrecord.attribute import attribute_many
from onrecord.attribute.calibrate import default_threshold
from onrecord.attribute.paragraphs import in_english
from onrecord.attribute.tagger import get_tagger
from onrecord.clean import clean
from onrecord.errors import ReadError
from onrecord.model import STATEMENT_ACTS, Article, Document
from onrecord.nlp import get_nlp
from onrecord.read import DEFAULT_MAX_BYTES, read_paths
from onrecord.threads import limit_native_threads

NOT_ENGLISH = "the text does not read as English prose: no quotes attributed (onrecord reads English only)"
BATCH_SIZE = 32
"""Documents parsed per spaCy batch: big enough to amortise nlp.pipe, small enough to stream."""
CHUNK_SIZE = 8
"""Documents per task when worker processes share the work: small, so both cores stay busy to the end."""


def _failure(doc: Document, exc: Exception) -> ReadError:
    # A bug or a pathological text in one document must not stop the batch.
    return ReadError(doc.where, f"could not process the article ({type(exc).__name__}: {exc})")


def _attribute_one(article: Article, learned: bool) -> Article | ReadError:
    try:
        article.quotes = next(attribute_many([article], learned=learned))
    except Exception as exc:  # noqa: BLE001 - reported per document, see _failure
        return _failure(article.document, exc)
    return article


def _clean_all(docs: Iterable[Document]) -> tuple[list[Article], dict[int, ReadError]]:
    articles: list[Article] = []
    failures: dict[int, ReadError] = {}
    for i, doc in enumerate(docs):
        try:
            articles.append(clean(doc))
            if not in_english(articles[-1]):
                doc.warnings.append(NOT_ENGLISH)
        except Exception as exc:  # noqa: BLE001 - reported per document, see _failure
            failures[i] = _failure(doc, exc)
    return articles, failures


def _attribute_batch(articles: Sequence[Article], learned: bool) -> list[Article | ReadError]:
    """Attribute a batch in one parse; if anything in it fails, redo it one by one to isolate the culprit."""
    try:
        for article, quotes in zip(articles, attribute_many(articles, learned=learned), strict=True):
            article.quotes = quotes
    except Exception:  # noqa: BLE001 - retried per article below
        return [_attribute_one(a, learned) for a in articles]
    return list(articles)


def extract(
    docs: Iterable[Document],
    n_process: int = 1,
    learned: bool = True,
    acts: frozenset[str] | None = STATEMENT_ACTS,
    min_confidence: float | None = None,
) -> Iterator[Article | ReadError]:
    """Clean and attribute documents, parsing them in one batch; a failing document becomes a ReadError.

    Each article keeps the quotes whose act is in `acts` (default: statements, speech and writing) and
    whose confidence is at least `min_confidence` (default: the calibration's threshold, chosen for
    precision); `acts=None` keeps every attribution, PolNeAR's wider definition (beliefs, intentions,
    perceptions), at any confidence unless `min_confidence` is given.

    With `n_process` > 1, worker processes each run the whole path (clean, parse, attribute) on
    chunks of documents and send back finished Articles, so neither parsed Docs nor the rules'
    work go through the main process. Results come in input order either way. `learned=False`
    attributes with the rules alone (see onrecord.attribute.attribute_many).
    """
    floor = (default_threshold() if acts is not None else 0.0) if min_confidence is None else min_confidence
    for item in _extract_all(list(docs), n_process, learned):
        if isinstance(item, Article):
            item.quotes = [q for q in item.quotes if (acts is None or q.act in acts) and q.confidence >= floor]
        yield item


def _extract_all(docs: list[Document], n_process: int, learned: bool) -> Iterator[Article | ReadError]:
    if n_process > 1 and len(docs) > CHUNK_SIZE:
        yield from _extract_parallel(docs, n_process, learned)
        return
    articles, failures = _clean_all(docs)
    done = iter(_attribute_batch(articles, learned))
    for i in range(len(docs)):
        yield failures[i] if i in failures else next(done)


def _extract_chunk(docs: list[Document], learned: bool) -> list[Article | ReadError]:
    return list(_extract_all(docs, 1, learned))


def _extract_parallel(docs: list[Document], n_process: int, learned: bool) -> Iterator[Article | ReadError]:
    get_nlp()  # load once here: forked workers share the models instead of loading their own
    if learned:
        get_tagger()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunks = [docs[i : i + CHUNK_SIZE] for i in range(0, len(docs), CHUNK_SIZE)]
    with context.Pool(n_process, initializer=limit_native_threads) as pool:
        for results in pool.imap(functools.partial(_extract_chunk, learned=learned), chunks):
            yield from results


def process_paths(
    paths: Iterable[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    learned: bool = True,
    acts: frozenset[str] | None = STATEMENT_ACTS,
    min_confidence: float | None = None,
) -> Iterator[Article | ReadError]:
    """Read files and directories and yield an Article per document, or the ReadError of a bad input.

    `n_process`, `learned`, `acts` and `min_confidence` are passed to `extract` for each batch of
    `batch_size` documents.
    """
    batch: list[Document] = []
    for item in read_paths(paths, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            yield from extract(batch, n_process, learned, acts, min_confidence)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from extract(batch, n_process, learned, acts, min_confidence)
            batch = []
    yield from extract(batch, n_process, learned, acts, min_confidence)
