"""The SQLite store: the only SQL in onrecord. Writes go through `Store`; reads are `queries`.

    with Store.open("onrecord.db") as store:
        store.add_article(article)
        rows = queries.find_quotes(store.conn, speaker="peskov")

`Store.open(path, read_only=True)` (or `connect_reader`) reads a store as it is: nothing is created,
migrated or written, and a store in a directory the user cannot write is still read.
"""

from onrecord.store import queries
from onrecord.store.db import DEFAULT_DB, AddResult, Store, connect, connect_reader
from onrecord.store.ingest import IngestEvent, IngestSummary, ingest
from onrecord.store.schema import MIGRATIONS, latest_version

__all__ = [
    "DEFAULT_DB",
    "MIGRATIONS",
    "AddResult",
    "IngestEvent",
    "IngestSummary",
    "Store",
    "connect",
    "connect_reader",
    "ingest",
    "latest_version",
    "queries",
]
