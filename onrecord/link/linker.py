"""Linking the store: on ingest, one article at a time; `rebuild` recomputes everything the same way.

For a new article: its speakers' blocks are regrouped (`link.speakers`), the speakers whose grouping
changed have their statements regrouped from scratch, the article joins a family (`link.families`),
its quotes join or start statements (`link.statements`), and it joins or starts a story
(`link.stories`). Runs inside the article's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import timedelta

from onrecord.link.compare import default_judge
from onrecord.link.families import shingles, signature
from onrecord.link.speakers import Override, acronym_of, block_key, group_block, is_acronym
from onrecord.link.statements import Judge, cluster
from onrecord.link.stories import OPEN_DAYS, best_story, parse_date, terms_of
from onrecord.store import linking as sql

Progress = Callable[[int, int], None]


class Linker:
    """Links articles into the record; holds the matcher so it loads once per process."""

    def __init__(self, judge: Judge | None = None) -> None:
        self.judge = judge or default_judge()

    def link_article(self, conn: sqlite3.Connection, article_id: int) -> None:
        """Link one newly stored article (its quotes and speakers are in the store)."""
        speaker_ids = sql.article_speaker_ids(conn, article_id)
        speaker_ids += sql.acronym_speakers(conn, speaker_ids)
        changed = regroup_speakers(conn, speaker_ids)
        for canonical_id in sorted(changed):
            relink_speaker(conn, canonical_id, self.judge)
        body = sql.body_text(conn, article_id)
        sql.family_for(conn, article_id, signature(shingles(body)))
        touched: set[int] = set()
        for canonical_id in sql.article_canonical_speakers(conn, article_id):
            if canonical_id not in changed:
                touched |= _link_new_quotes(conn, article_id, canonical_id, self.judge)
        sql.refresh_statements(conn, touched)
        place_in_story(conn, article_id, body)

    def rebuild(self, conn: sqlite3.Connection, progress: Progress | None = None) -> None:
        """Recompute every speaker grouping, family and statement, in storing order."""
        sql.reset_links(conn)
        regroup_speakers(conn, sql.all_speaker_ids(conn), everything=True)
        articles = sql.article_ids(conn)
        for article_id in articles:
            sql.family_for(conn, article_id, signature(shingles(sql.body_text(conn, article_id))))
        speakers = sql.canonical_ids(conn)
        for done, canonical_id in enumerate(speakers, 1):
            relink_speaker(conn, canonical_id, self.judge)
            if progress is not None:
                progress(done, len(speakers))
        sql.reset_stories(conn)
        for article_id in articles:
            place_in_story(conn, article_id, sql.body_text(conn, article_id))
        sql.set_link_state(conn, stale=False)


def place_in_story(conn: sqlite3.Connection, article_id: int, body: str) -> int:
    """Put one stored, linked article (whose body text is `body`) in the open story most like it, or in a new
    one; return the story's id."""
    title, published = sql.title_and_date(conn, article_id)
    terms = terms_of(title, body)
    day = parse_date(published)
    since = (day - timedelta(days=OPEN_DAYS)).isoformat() if day else None
    story = best_story(terms, day, sql.story_candidates(conn, article_id, since, terms))
    return sql.join_story(conn, article_id, story, terms, published)


def regroup_speakers(conn: sqlite3.Connection, speaker_ids: list[int], everything: bool = False) -> set[int]:
    """Recompute the blocks these speakers fall in (with blocks an override joins to them); return the
    canonical ids whose members changed."""
    records = sql.speaker_records(conn, speaker_ids)
    acronyms = sql.acronym_expansions(conn, sorted({acronym_of(r.name) for r in records if is_acronym(r.name)}))
    new_blocks = {r.id: block_key(r, acronyms) for r in records}
    old_blocks = {} if everything else sql.blocks_of(conn, speaker_ids)
    sql.set_blocks(conn, new_blocks)
    overrides = sql.overrides(conn)
    blocks = set(new_blocks.values()) | set(old_blocks.values())
    members = sql.block_members(conn, blocks) if not everything else sorted(new_blocks)
    members = _close_over_merges(conn, members, overrides)
    return _group_and_save(conn, members, overrides)


def _close_over_merges(conn: sqlite3.Connection, members: list[int], overrides: list[Override]) -> list[int]:
    """Add the blocks that a merge override joins to any of these speakers'."""
    merges = [o for o in overrides if o.kind == "merge"]
    if not merges:
        return members
    found = set(members)
    while True:
        refs = set(sql.speaker_refs(conn, sorted(found)).values())
        joined = {ref for o in merges if refs & set(o.refs) for ref in o.refs} - refs
        if not joined:
            return sorted(found)
        extra = sql.ids_by_refs(conn, sorted(joined))
        blocks = set(sql.blocks_of(conn, extra).values())
        more = set(sql.block_members(conn, blocks)) | set(extra)
        if more <= found:
            return sorted(found)
        found |= more


def _group_and_save(conn: sqlite3.Connection, members: list[int], overrides: list[Override]) -> set[int]:
    records = sql.speaker_records(conn, members)
    refs = sql.speaker_refs(conn, members)
    blocks = sql.blocks_of(conn, members)
    grouping = group_block(records, overrides, refs, blocks)
    return sql.save_grouping(conn, grouping)


def relink_speaker(conn: sqlite3.Connection, canonical_id: int, judge: Judge) -> None:
    """Regroup all of one canonical speaker's quotes into statements, keeping existing statement ids where
    a group still starts with the same quote."""
    quotes = sql.speaker_quotes(conn, canonical_id)
    previous = sql.statement_of_quotes(conn, [q.id for q in quotes])
    old_ids = set(sql.speaker_statement_ids(conn, canonical_id)) | {s for s in previous.values() if s is not None}
    sql.clear_speaker_statements(conn, canonical_id)
    groups = cluster(quotes, judge)
    ids: dict[int, int] = {}
    for first in sorted(set(groups.values())):
        kept = previous.get(first)
        ids[first] = kept if kept is not None and kept not in ids.values() else sql.new_statement(conn, canonical_id)
    assignment = {quote: ids[group] for quote, group in groups.items()}
    sql.set_statements(conn, assignment)
    sql.refresh_statements(conn, set(assignment.values()) | old_ids)


def _link_new_quotes(conn: sqlite3.Connection, article_id: int, canonical_id: int, judge: Judge) -> set[int]:
    """Add one article's quotes of one speaker to that speaker's statements; return the statements touched."""
    new = sql.article_quotes(conn, article_id, canonical_id)
    # Earlier quotes' groups are their statements, negated so they never meet a new group's number (a quote id).
    earlier = [(quote, -statement) for quote, statement in sql.earlier_grouped(conn, canonical_id, article_id)]
    groups = cluster(new, judge, start=earlier)
    statements: dict[int, int] = {}
    assignment: dict[int, int] = {}
    for quote in sorted(new, key=lambda q: q.seq):
        group = groups[quote.id]
        if group < 0:
            assignment[quote.id] = -group
            continue
        if group not in statements:
            statements[group] = sql.new_statement(conn, canonical_id)
        assignment[quote.id] = statements[group]
    sql.set_statements(conn, assignment)
    return set(assignment.values())


OVERRIDES_FORMAT = "onrecord-speaker-overrides"


def apply_override(conn: sqlite3.Connection, override: Override, judge: Judge) -> int:
    """Store a correction and regroup what it touches; return its id."""
    override_id = sql.add_override(conn, override)
    _regroup_refs(conn, override.refs, judge)
    return override_id


def remove_override(conn: sqlite3.Connection, override_id: int, judge: Judge) -> bool:
    """Forget a correction and regroup the speakers it named as the rules alone would."""
    found = [o for i, o in zip((int(r["id"]) for r in sql.list_overrides(conn)), sql.overrides(conn)) if i == override_id]
    if not found or not sql.delete_override(conn, override_id):
        return False
    _regroup_refs(conn, found[0].refs, judge)
    return True


def _regroup_refs(conn: sqlite3.Connection, refs: Sequence[tuple[str, str]], judge: Judge) -> None:
    changed = regroup_speakers(conn, sql.ids_by_refs(conn, refs))
    for canonical_id in sorted(changed):
        relink_speaker(conn, canonical_id, judge)


def export_overrides(conn: sqlite3.Connection) -> dict[str, object]:
    """The corrections as a file another newsroom's store can import (speakers named by type and name key)."""
    items = [{k: v for k, v in o.items() if k in ("kind", "refs", "value")} for o in sql.list_overrides(conn)]
    return {"format": OVERRIDES_FORMAT, "version": 1, "overrides": items}


def parse_overrides(data: object) -> list[Override]:
    """The corrections in an exported file; ValueError saying what is wrong with it."""
    if not isinstance(data, dict) or data.get("format") != OVERRIDES_FORMAT or not isinstance(data.get("overrides"), list):
        raise ValueError(f"not an onrecord overrides file (expected an object with \"format\": \"{OVERRIDES_FORMAT}\")")
    found = []
    for n, item in enumerate(data["overrides"], 1):
        try:
            kind, value = item["kind"], item.get("value")
            refs = tuple((str(r["type"]), str(r["key"])) for r in item["refs"])
        except (TypeError, KeyError) as exc:
            raise ValueError(f"override {n}: missing or bad field {exc}") from None
        if kind not in ("merge", "split", "rename") or not refs or (value is not None and not isinstance(value, str)):
            raise ValueError(f"override {n}: bad kind, refs or value")
        found.append(Override(kind, refs, value))
    return found


def import_overrides(conn: sqlite3.Connection, overrides: Sequence[Override], judge: Judge) -> int:
    """Add the corrections this store does not have yet; return how many were added."""
    known = set(sql.overrides(conn))
    added = [o for o in overrides if o not in known]
    for override in added:
        sql.add_override(conn, override)
    _regroup_refs(conn, [ref for o in added for ref in o.refs], judge)
    return len(added)
