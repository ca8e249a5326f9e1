"""The `onrecord` command line. Each command parses its arguments, calls one library function, prints.

Reads go through `onrecord.store.queries` (the same functions the web app uses); rendering lives in
`onrecord.cli_render`. Errors onrecord raises on purpose print as one line on stderr, exit status 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from onrecord import __version__
from onrecord.cli_render import (
    article_view,
    claims_table,
    extract_view,
    make_console,
    one_line,
    problem_line,
    quotes_table,
    safe,
    speakers_table,
    statement_view,
    statements_table,
    stories_table,
    story_view,
)
from onrecord.errors import OnrecordError, ReadError
from onrecord.eval import evaluate_polnear, report
from onrecord.eval.polnear import SPLITS
from onrecord.eval.mrpc import evaluate_mrpc
from onrecord.export import article_record, article_to_dict, quote_record
from onrecord.model import ACTS, QUOTE_KINDS, STATEMENT_ACTS, Article, SpanError
from onrecord.pipeline import process_paths
from onrecord.read import DEFAULT_MAX_BYTES, MAX_BYTES_CEILING
from onrecord.link.claims import conflicts as figure_conflicts
from onrecord.link.linker import export_overrides, import_overrides, parse_overrides, remove_override
from onrecord.store import DEFAULT_DB, IngestEvent, IngestSummary, Store, ingest, linking, queries
from onrecord.store.db import merge_speakers, rebuild_links, rename_speaker, split_speaker, write_transaction

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """A user error: printed as `error: <message>` on one line, exit status 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {one_line(self.format_message())}", err=True)


class OnrecordGroup(click.Group):
    """Turns onrecord's own errors (bad db file, bad date...) into one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OnrecordError as exc:
            raise CliError(str(exc)) from exc


_OPTIONS: dict[str, Callable[[F], F]] = {
    "db": click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        envvar="ONRECORD_DB",
        show_envvar=True,
        metavar="PATH",
        help="The SQLite database file. Set ONRECORD_DB to avoid repeating it.",
    ),
    "json": click.option(
        "--json", "as_json", is_flag=True, help="Print JSON (the data the table shows, in full) for scripts."
    ),
    "limit": click.option(
        "--limit", default=50, show_default=True, type=click.IntRange(min=1), help="Show at most this many rows."
    ),
    "workers": click.option(
        "--workers",
        "-j",
        default=1,
        show_default=True,
        type=click.IntRange(min=1, max=64),
        metavar="N",
        help="Worker processes, each running the whole pipeline on a share of the articles (2 uses both cores of a 2-core machine).",
    ),
    "all_attributions": click.option(
        "--all-attributions",
        is_flag=True,
        help="Keep every attribution, PolNeAR's definition: beliefs, intentions and perceptions too, not only "
        "statements (speech and writing).",
    ),
    "min_confidence": click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        metavar="P",
        help="Keep quotes whose confidence (the calibrated probability that it is a statement by that speaker) is at "
        "least P. Default: the threshold chosen for precision on real pages (0 with --all-attributions).",
    ),
    "rules_only": click.option(
        "--rules-only",
        is_flag=True,
        help="Attribute with the rules alone, without the learned tagger: faster, less accurate (docs/BENCHMARKS.md).",
    ),
    "max_bytes": click.option(
        "--max-bytes",
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        type=click.IntRange(min=1, max=MAX_BYTES_CEILING),
        metavar="N",
        help="Refuse input files larger than N bytes (reported as failed, the rest go on).",
    ),
}


def options(*names: str) -> Callable[[F], F]:
    """The shared options, by name, so every command spells --db, --json, --limit the same way."""

    def apply(fn: F) -> F:
        for name in reversed(names):
            fn = _OPTIONS[name](fn)
        return fn

    return apply


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def _open(db: str) -> Iterator[Store]:
    """Read commands open the store read-only: a typo in --db fails instead of making a file, a store
    the user cannot write is still read, and no file (an older store, someone else's) is changed."""
    with Store.open(db, read_only=True) as store:
        yield store


@click.group(cls=OnrecordGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="onrecord", message="%(prog)s %(version)s")
def cli() -> None:
    """onrecord: who said what, when, according to which outlet.

    Turns news articles into a sourced record of statements: every speaker, cue and quote is a
    character span of the article text, so each item can be checked against its source.

    \b
    Typical session:
      onrecord ingest articles/                 # read, attribute and store (onrecord.db)
      onrecord speakers                         # who is quoted, how often
      onrecord quotes --speaker peskov          # what one speaker said
      onrecord quotes --search '"air defense"'  # full-text search in quotes
      onrecord show 3                           # article 3 with its attributions highlighted
      onrecord extract article.txt --jsonl      # no database: one JSON object per article
    """


def _paths_argument(fn: F) -> F:
    return click.argument("paths", nargs=-1, required=True, metavar="PATH...")(fn)


@cli.command()
@_paths_argument
@click.option("--jsonl", is_flag=True, help="One JSON object per article on stdout (the fixed extract shape).")
@options("max_bytes", "workers", "rules_only", "all_attributions", "min_confidence")
def extract(
    paths: tuple[str, ...],
    jsonl: bool,
    max_bytes: int,
    workers: int,
    rules_only: bool,
    all_attributions: bool,
    min_confidence: float | None,
) -> None:
    """Find who said what in articles and print it, without a database.

    PATH is a file (.txt, .html, .jsonl), a directory (read recursively) or - for standard
    input. Unreadable inputs are reported on stderr as `error: <path>: <reason>`, the others go
    on; the exit status is 1 if any input failed. Statements (speech and writing) are kept; with
    --all-attributions also beliefs, intentions and perceptions (each quote's `act` says which).

    \b
    Examples:
      onrecord extract story.txt                  # a who-said-what table
      onrecord extract corpus/ --jsonl > out.jsonl
      onrecord extract corpus/ --jsonl --workers 2 > out.jsonl   # both cores
      cat story.html | onrecord extract - --jsonl
      onrecord extract corpus/ --jsonl --all-attributions   # "believes", "wants", "saw" too
    """
    console = make_console()
    failed = 0
    acts = None if all_attributions else STATEMENT_ACTS
    items = process_paths(
        paths, max_bytes=max_bytes, n_process=workers, learned=not rules_only, acts=acts, min_confidence=min_confidence
    )
    for item in map(_checked, items):
        if isinstance(item, ReadError):
            failed += 1
            click.echo(problem_line("error", item.path, item.reason), err=True)
            continue
        for warning in item.document.warnings:
            click.echo(problem_line("warning", item.document.where, warning), err=True)
        if jsonl:
            click.echo(json.dumps(article_to_dict(item), ensure_ascii=False))
        else:
            console.print(extract_view(item))
    if failed:
        raise click.exceptions.Exit(1)


def _checked(item: Article | ReadError) -> Article | ReadError:
    """The article, or the ReadError of one whose spans do not fit its text: extract's output boundary, as
    `Store.add` is ingest's (a span is checked once, where the record leaves onrecord)."""
    if isinstance(item, ReadError):
        return item
    try:
        item.validate()
    except SpanError as exc:
        return ReadError(item.document.where, f"could not process the article ({exc})")
    return item


def _progress_line(event: IngestEvent, summary: IngestSummary) -> str:
    counts = f"{summary.read} read, {summary.new} new, {summary.unchanged} unchanged, {summary.failed} failed"
    return f"{counts}  {one_line(event.path)}"


def _print_summary(db: str, summary: IngestSummary, interrupted: bool = False) -> None:
    state = "interrupted after" if interrupted else "read"
    click.echo(
        f"{safe(db)}: {state} {summary.read} {'document' if summary.read == 1 else 'documents'}: {summary.new} new ({summary.quotes} quotes), "
        f"{summary.unchanged} unchanged, {summary.failed} failed"
    )
    if summary.failures:
        click.echo("failed:")
        for path, reason in summary.failures:
            click.echo(f"  {one_line(path)}: {one_line(reason)}")


@cli.command("ingest")
@_paths_argument
@options("db", "max_bytes", "workers", "rules_only", "all_attributions", "min_confidence")
@click.option("-v", "--verbose", is_flag=True, help="Also print a line for each article stored or found unchanged.")
def ingest_command(
    paths: tuple[str, ...],
    db: str,
    max_bytes: int,
    workers: int,
    rules_only: bool,
    all_attributions: bool,
    min_confidence: float | None,
    verbose: bool,
) -> None:
    """Read articles, attribute their quotes and store them in the database.

    Each article is stored in its own transaction, so an interrupted run loses nothing already
    stored, and a rerun skips what is there: articles are known by the hash of their content
    (reported as "unchanged"). A bad input is reported on one line with its reason and the batch
    goes on; a summary follows; the exit status is 1 if any input failed. Statements (speech and
    writing) are stored; with --all-attributions also beliefs, intentions and perceptions, which
    `onrecord quotes --act` then selects (they never join statements).

    \b
    Examples:
      onrecord ingest corpus/
      onrecord ingest --db news.db a.html b.txt feed.jsonl
      ONRECORD_DB=news.db onrecord ingest new-articles/
      onrecord ingest --workers 2 big-corpus/                 # both cores
    """
    err = make_console(stderr=True)
    seen: list[IngestSummary] = [IngestSummary()]
    columns = (SpinnerColumn(), TextColumn("{task.description}", markup=False), TimeElapsedColumn())
    with Store.open(db) as store, Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("reading and attributing the first batch", total=None)

        def report(event: IngestEvent, summary: IngestSummary) -> None:
            seen[0] = summary
            bar.update(task, description=_progress_line(event, summary))
            if event.status == "failed":
                bar.console.print(problem_line("error", event.path, event.detail))
            for warning in event.warnings:
                bar.console.print(problem_line("warning", event.path, warning))
            if verbose and event.status != "failed":
                bar.console.print(f"{event.status}: {one_line(event.path)} ({one_line(event.detail)})")

        try:
            acts = None if all_attributions else STATEMENT_ACTS
            items = process_paths(
                paths, max_bytes=max_bytes, n_process=workers, learned=not rules_only, acts=acts, min_confidence=min_confidence
            )
            summary = ingest(store, items, report)
        except KeyboardInterrupt:
            bar.stop()
            _print_summary(db, seen[0], interrupted=True)
            raise click.exceptions.Exit(130) from None
    _print_summary(db, summary)
    if summary.failed:
        raise click.exceptions.Exit(1)


@cli.command()
@click.option("--speaker", "-s", metavar="NAME", help="Part of a speaker's name or alias, any case, accents ignored.")
@click.option(
    "--search",
    "-q",
    metavar="TEXT",
    help='Words that must all be in the quote; "a phrase" in double quotes; prefix* matches word starts.',
)
@click.option("--outlet", metavar="NAME", help="Part of the outlet's name, any case.")
@click.option("--since", metavar="DATE", help="Published on or after DATE: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--until", metavar="DATE", help="Published on or before DATE, inclusive (2023-05 takes all of May).")
@click.option("--kind", type=click.Choice(QUOTE_KINDS), help="direct (in quotation marks), indirect (reported) or mixed.")
@click.option(
    "--act",
    type=click.Choice(ACTS),
    help="speech, writing, thought, intention or perception (stores ingested with --all-attributions hold all five).",
)
@click.option("--topic", "-t", metavar="TEXT", help="Part of a topic: a section heading or a place, organisation or person the quote names.")
@options("limit")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Skip this many rows (paging).")
@options("db", "json")
def quotes(
    speaker: str | None,
    search: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    kind: str | None,
    act: str | None,
    topic: str | None,
    limit: int,
    offset: int,
    db: str,
    as_json: bool,
) -> None:
    """List stored quotes, newest article first, filtered by speaker, words, outlet, date, kind, act or topic.

    Filters combine (all must hold). A speaker the text does not name shows as "unknown", with
    the words it used ("he"); a missing date shows as "—". The article column is the id for
    `onrecord show`. --since/--until leave out articles without a date.

    \b
    Examples:
      onrecord quotes --speaker peskov
      onrecord quotes --search '"air defense" condemn*' --since 2023-05-01
      onrecord quotes --outlet bloomberg --kind direct --json | jq '.[].text'
      onrecord quotes --topic peacekeepers    # under a heading, or naming a place, body or person
    """
    where = queries.QuoteFilter(
        speaker=speaker, search=search, outlet=outlet, since=since, until=until, kind=kind, act=act, topic=topic
    )
    with _open(db) as store:
        rows, total = queries.quote_page(store.conn, where, limit=limit, offset=offset)
    _print_page("quotes", rows, total, offset, quotes_table, as_json, [quote_record(row) for row in rows])


@cli.command()
@click.option("--speaker", "-s", metavar="NAME", help="Part of a speaker's name or alias, any case, accents ignored.")
@click.option("--search", "-q", metavar="TEXT", help="Words that must all be in the quote the figure is in.")
@click.option("--outlet", metavar="NAME", help="Part of the outlet's name, any case.")
@click.option("--since", metavar="DATE", help="Published on or after DATE: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--until", metavar="DATE", help="Published on or before DATE, inclusive (2023-05 takes all of May).")
@click.option("--story", "story_id", type=click.IntRange(min=1), metavar="ID", help="Only the claims of one story (ids: `onrecord stories`).")
@click.option(
    "--conflicts", is_flag=True, help="Only figures that disagree: claims in one story counting the same thing, grouped."
)
@click.option("--topic", "-t", metavar="TEXT", help="Part of a topic: a section heading or a place, organisation or person the quote names.")
@options("limit")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Skip this many rows (paging).")
@options("db", "json")
def claims(
    speaker: str | None,
    search: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    story_id: int | None,
    conflicts: bool,
    topic: str | None,
    limit: int,
    offset: int,
    db: str,
    as_json: bool,
) -> None:
    """List the figures stored quotes give: value, unit, what it counts, who gave it, when and where.

    Every number inside a statement is a claim ("nine" dead is 9; "€18.6m" is 18600000 euro; "52 out of
    54" is 52 with its total 54); dates, times, durations, ages, ordinals and numbers in names are not.
    `counts` is what the figure counts in the text's own words ("people killed", "inflation"), or
    unknown. The filters are those of `onrecord quotes`, applied to the quote each figure is in.

    \b
    With --conflicts, the claims of one story that count the same thing (the same unit, and the same
    thing counted: "nine dead" and "11 people killed" are both deaths) and give different values are
    shown side by side, group by group, with who gave each and where (--json: a list of groups,
    each with story_id, unit, counts and its claims).

    \b
    Examples:
      onrecord claims --speaker lind
      onrecord claims --search evacuated --json | jq '.[] | [.value, .counts, .speaker.name]'
      onrecord claims --story 3 --conflicts
    """
    where = queries.QuoteFilter(
        speaker=speaker, search=search, outlet=outlet, since=since, until=until, story_id=story_id, topic=topic
    )
    if conflicts:
        _show_conflicts(db, where, as_json)
        return
    with _open(db) as store:
        rows = queries.find_claims(store.conn, where, limit=limit, offset=offset)
        total = queries.count_claims(store.conn, where)
    _print_page("claims", rows, total, offset, claims_table, as_json, rows)


def _print_page(
    noun: str, rows: list[dict[str, Any]], total: int, offset: int, table: Callable[[list[dict[str, Any]]], Any],
    as_json: bool, data: Any,
) -> None:
    """One page of a list command: `data` as JSON, or the table with a footer that gives the next offset."""
    if as_json:
        _echo_json(data)
        return
    if not rows:
        click.echo(f"no {noun} match ({total} in all with these filters)")
        return
    make_console().print(table(rows))
    more = f"; next page: --offset {offset + len(rows)}" if offset + len(rows) < total else ""
    click.echo(f"{noun} {offset + 1}-{offset + len(rows)} of {total}{more}")


def _show_item(
    db: str, fetch: Callable[[Any, int], Any], item_id: int, noun: str, plural: str, view: Callable[[Any], Any], as_json: bool
) -> None:
    """One item of a show command (`statement 7`, `story 3`), as JSON or as its view; a clear error if there is none."""
    with _open(db) as store:
        data = fetch(store.conn, item_id)
    if data is None:
        raise CliError(f"no {noun} {item_id} in {db} (ids are in `onrecord {plural}`)")
    if as_json:
        _echo_json(data)
    else:
        make_console().print(view(data))


def _show_conflicts(db: str, where: queries.QuoteFilter, as_json: bool) -> None:
    with _open(db) as store:
        groups = figure_conflicts(queries.find_claims(store.conn, where, limit=None))
    if as_json:
        _echo_json(groups)
        return
    if not groups:
        click.echo("no conflicting figures among these claims")
        return
    console = make_console()
    for group in groups:
        unit = f", {group['unit']}" if group["unit"] else ""
        console.print(f"story {group['story_id']}: {safe(group['counts'])}{unit}", style="bold")
        console.print(claims_table(group["claims"]))
    click.echo(f"{len(groups)} group{'s' * (len(groups) != 1)} of conflicting figures")


@cli.command()
@click.option("--search", "-q", metavar="TEXT", help="Stories one of whose headlines contains TEXT (any case).")
@click.option("--since", metavar="DATE", help="Stories with an article on or after DATE: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--until", metavar="DATE", help="Stories with an article on or before DATE, inclusive.")
@click.option("--topic", "-t", metavar="TEXT", help="Part of a topic: a section heading or a place, organisation or person the quote names.")
@options("limit")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Skip this many rows (paging).")
@options("db", "json")
def stories(
    search: str | None, since: str | None, until: str | None, topic: str | None, limit: int, offset: int, db: str, as_json: bool
) -> None:
    """List stories: articles about one event or ongoing thread, grouped as they were ingested.

    Latest story first. Each has a title (the headline of its earliest article), first and last
    dates, its outlets, articles and speakers, and how many statements it holds. A new article joins
    the story whose words are most like its own, or starts one; `onrecord link --rebuild` regroups
    every article the same way.

    \b
    Examples:
      onrecord stories
      onrecord stories --search budget --since 2026-11
      onrecord stories --json | jq '.[] | [.id, .title, (.articles | length)]'
    """
    where = queries.StoryFilter(search=search, since=since, until=until, topic=topic)
    with _open(db) as store:
        rows = queries.find_stories(store.conn, where, limit=limit, offset=offset)
        total = queries.count_stories(store.conn, where)
    _print_page("stories", rows, total, offset, stories_table, as_json, rows)


@cli.command()
@click.argument("story_id", type=click.IntRange(min=1), metavar="ID")
@options("db", "json")
def story(story_id: int, db: str, as_json: bool) -> None:
    """Show one story: its articles in date order, its outlets and speakers.

    \b
    Examples:
      onrecord story 3
      onrecord story 3 --json | jq '.articles[].outlet'
    """
    _show_item(db, queries.get_story, story_id, "story", "stories", story_view, as_json)


@cli.group(cls=OnrecordGroup, invoke_without_command=True)
@click.option("--search", "-q", metavar="NAME", help="Only speakers whose name or alias contains NAME (any case).")
@options("limit", "db", "json")
@click.pass_context
def speakers(ctx: click.Context, search: str | None, limit: int, db: str, as_json: bool) -> None:
    """List the speakers quoted, most quoted first; correct how names are grouped.

    One speaker is one person or organisation across articles: names that are one name after
    case, accents, honorifics and spelling are levelled ("Dmitry Peskov", "Dmitri Peskov"), a bare
    surname when exactly one known person fits it ("Peskov"), an organisation in any word order
    ("Ministry of Defence", "Defence Ministry"). People with different given names are never one
    speaker. The other names articles use are listed as aliases (`--json`). Unnamed sources are not
    speakers: their quotes are in `onrecord quotes` as "unknown".

    The subcommands correct the grouping; corrections are kept in the store and survive re-ingest
    and `onrecord link --rebuild`.

    \b
    Examples:
      onrecord speakers --limit 10
      onrecord speakers --search ministry --json
      onrecord speakers merge 12 40          # 12 and 40 are one person
      onrecord speakers split 12 --alias "Sorokin"
      onrecord speakers rename 12 "Mikhail Sorokin"
      onrecord speakers overrides --export corrections.json
    """
    if ctx.invoked_subcommand is not None:
        return
    with _open(db) as store:
        rows = queries.list_speakers(store.conn, q=search, limit=limit)
    if as_json:
        _echo_json(rows)
    elif rows:
        make_console().print(speakers_table(rows))
    else:
        click.echo("no speakers match")


def _correction_done(db: str, override_id: int, speaker_id: int) -> None:
    with _open(db) as store:
        shown = queries.get_speaker(store.conn, speaker_id)
    name = safe(shown["name"]) if shown else "?"
    click.echo(f"override {override_id} stored; speaker {speaker_id} is now shown as {name} (id {shown['id'] if shown else '?'})")


@speakers.command("merge")
@click.argument("speaker_ids", nargs=-1, required=True, type=click.IntRange(min=1))
@options("db")
def speakers_merge(speaker_ids: tuple[int, ...], db: str) -> None:
    """Make these speakers one (ids from `onrecord speakers`); their statements are regrouped.

    \b
    Example:
      onrecord speakers merge 12 40 41
    """
    with Store.open(db, create=False) as store:
        override_id = merge_speakers(store, list(speaker_ids))
    _correction_done(db, override_id, speaker_ids[0])


@speakers.command("split")
@click.argument("speaker_id", type=click.IntRange(min=1))
@click.option("--alias", required=True, metavar="NAME", help="The name (as `speakers --json` lists it) that is someone else.")
@options("db")
def speakers_split(speaker_id: int, alias: str, db: str) -> None:
    """Make one of a speaker's names its own speaker (a namesake wrongly grouped with them).

    \b
    Example:
      onrecord speakers split 12 --alias "Brandt"
    """
    with Store.open(db, create=False) as store:
        override_id = split_speaker(store, speaker_id, alias)
    _correction_done(db, override_id, speaker_id)


@speakers.command("rename")
@click.argument("speaker_id", type=click.IntRange(min=1))
@click.argument("name")
@options("db")
def speakers_rename(speaker_id: int, name: str, db: str) -> None:
    """Show a speaker under NAME (its other names stay aliases).

    \b
    Example:
      onrecord speakers rename 12 "Mikhail Sorokin"
    """
    with Store.open(db, create=False) as store:
        override_id = rename_speaker(store, speaker_id, name)
    _correction_done(db, override_id, speaker_id)


@speakers.command("overrides")
@click.option("--export", "export_path", metavar="FILE", help="Write the corrections to FILE (JSON) for another store.")
@click.option("--import", "import_path", metavar="FILE", help="Add the corrections in FILE (made by --export).")
@click.option("--remove", type=click.IntRange(min=1), metavar="ID", help="Forget correction ID; the rules group again.")
@options("db", "json")
def speakers_overrides(export_path: str | None, import_path: str | None, remove: int | None, db: str, as_json: bool) -> None:
    """List the corrections made with merge, split and rename; export, import or remove them.

    Corrections name speakers by type and normalised name, not by id, so a file exported from one
    store applies to another newsroom's store holding the same names.

    \b
    Examples:
      onrecord speakers overrides
      onrecord speakers overrides --export corrections.json
      onrecord speakers overrides --import corrections.json --db team.db
      onrecord speakers overrides --remove 3
    """
    if sum(x is not None for x in (export_path, import_path, remove)) > 1:
        raise CliError("give one of --export, --import and --remove")
    if import_path is not None or remove is not None:
        with Store.open(db, create=False) as store:
            message = _change_overrides(store, import_path, remove)
        click.echo(message)
        return
    with _open(db) as store:
        data = export_overrides(store.conn)
    if export_path is not None:
        try:
            Path(export_path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise CliError(f"{export_path}: cannot write: {exc.strerror or exc}") from exc
        click.echo(f"{len(data['overrides'])} corrections written to {safe(export_path)}")  # type: ignore[arg-type]
    elif as_json:
        _echo_json(data)
    elif not data["overrides"]:
        click.echo("no corrections (make them with `onrecord speakers merge`, `split` or `rename`)")
    else:
        with _open(db) as store:
            rows = linking.list_overrides(store.conn)
        for row in rows:
            names = ", ".join(f"{r['type']} {r['key']!r}" for r in row["refs"])  # type: ignore[union-attr]
            value = f" -> {row['value']!r}" if row["value"] else ""
            click.echo(safe(f"{row['id']}  {row['kind']:<6} {names}{value}  ({row['created_at']})"))


def _change_overrides(store: Store, import_path: str | None, remove: int | None) -> str:
    if remove is not None:
        with write_transaction(store.conn):
            if not remove_override(store.conn, remove, store.linker.judge):
                raise CliError(f"no correction {remove} (see `onrecord speakers overrides`)")
        return f"correction {remove} removed"
    assert import_path is not None
    try:
        overrides = parse_overrides(json.loads(Path(import_path).read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CliError(f"{import_path}: cannot import: {reason}") from exc
    with write_transaction(store.conn):
        added = import_overrides(store.conn, overrides, store.linker.judge)
    return f"{added} corrections imported ({len(overrides) - added} already here)"


@cli.command()
@click.option("--speaker", "-s", metavar="NAME", help="Part of a speaker's name or alias, any case, accents ignored.")
@click.option("--search", "-q", metavar="TEXT", help="Words in any report's wording (as in `onrecord quotes --search`).")
@click.option("--outlet", metavar="NAME", help="Reported by an outlet whose name contains NAME.")
@click.option("--since", metavar="DATE", help="Some report published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE", help="Some report published on or before DATE, inclusive.")
@click.option("--min-reports", type=click.IntRange(min=1), metavar="N", help="Only statements with at least N reports.")
@click.option("--topic", "-t", metavar="TEXT", help="Part of a topic of one of its reports (a section heading, a place, organisation or person).")
@options("limit")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Skip this many rows (paging).")
@options("db", "json")
def statements(
    speaker: str | None,
    search: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    min_reports: int | None,
    topic: str | None,
    limit: int,
    offset: int,
    db: str,
    as_json: bool,
) -> None:
    """List statements, most widely reported first: one row per thing said, with every report of it.

    A statement gathers the quotes in which one speaker says one thing: the direct and indirect
    versions, truncations and other translations of it, in articles dated within 7 days of each
    other. "independent" counts reports from distinct article families: a wire story republished
    by several outlets is one family.

    \b
    Examples:
      onrecord statements --speaker peskov
      onrecord statements --min-reports 3 --since 2023-05-01
      onrecord statements --search arson --json | jq '.[0].outlets'
    """
    where = queries.StatementFilter(
        speaker=speaker, search=search, outlet=outlet, since=since, until=until, min_reports=min_reports, topic=topic
    )
    with _open(db) as store:
        rows, total = queries.statement_page(store.conn, where, limit=limit, offset=offset)
    _print_page("statements", rows, total, offset, statements_table, as_json, rows)


@cli.command()
@click.argument("statement_id", type=click.IntRange(min=1))
@options("db", "json")
def statement(statement_id: int, db: str, as_json: bool) -> None:
    """Show one statement: every report's wording, the words that differ from the fullest one marked.

    \b
    Examples:
      onrecord statement 7
      onrecord statement 7 --json | jq '.reports[].article.outlet'
    """
    _show_item(db, queries.get_statement, statement_id, "statement", "statements", statement_view, as_json)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Recompute every speaker grouping, article family and statement.")
@options("db")
def link(rebuild: bool, db: str) -> None:
    """Link the store across articles: canonical speakers, article families, statements.

    Ingest links each article as it is stored; `--rebuild` recomputes everything from the stored
    articles (after upgrading onrecord, or to check that linking article by article and all at once
    agree). Corrections made with `onrecord speakers merge/split/rename` are applied again.

    \b
    Example:
      onrecord link --rebuild --db news.db
    """
    with Store.open(db, create=False) as store:
        if not rebuild and not linking.is_stale(store.conn):
            click.echo("the store is linked; nothing to do (use --rebuild to recompute everything)")
            return
        err = make_console(stderr=True)
        columns = (TextColumn("linking statements"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("link", total=None)
            rebuild_links(store, lambda done, total: bar.update(task, completed=done, total=total))
        data = queries.stats(store.conn)
    click.echo(
        f"{db}: linked {data['quotes']} quotes: {data['speakers']} speakers, {data['statements']} statements, "
        f"{data['article_families']} article families, {data['stories']} stories"
    )


@cli.command()
@click.argument("article")
@options("db", "json")
def show(article: str, db: str, as_json: bool) -> None:
    """Show an article with its attributions highlighted in the original text.

    ARTICLE is a numeric id (the article column of `onrecord quotes`), a document id (the
    file name without extension) or the first 6+ hex digits of its sha256. Boilerplate is
    dimmed; each attribution's source, cue and content have their own colour; the list of
    attributions with their character offsets follows.

    \b
    Examples:
      onrecord show 3
      onrecord show 000_fb556c78fd1973db
      onrecord show 3 --json | jq '.quotes | length'
    """
    with _open(db) as store:
        data = queries.get_article(store.conn, article)
    if data is None:
        raise CliError(f"no article {article!r} in {db} (give an id from `onrecord quotes`, a doc id or a sha256 prefix)")
    if as_json:
        _echo_json(article_record(data))
    else:
        make_console().print(article_view(data))


@cli.command()
@options("db", "json")
def stats(db: str, as_json: bool) -> None:
    """Count what the database holds: articles, quotes by kind, speakers, outlets, date range.

    \b
    Example:
      onrecord stats --db news.db
    """
    with _open(db) as store:
        data = queries.stats(store.conn)
    if as_json:
        _echo_json(data)
        return
    for key, value in data.items():
        shown = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else value
        click.echo(f"{key.replace('_', ' ')}: {safe(str(shown)) if shown is not None else '—'}")


@cli.group("eval", cls=OnrecordGroup)
def eval_group() -> None:
    """Measure attribution accuracy against hand-annotated corpora."""


@eval_group.command("polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False), metavar="DIR")
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="dev",
    show_default=True,
    help="Which part of DIR to score (ignored when DIR itself holds text/ and attributions/).",
)
@click.option(
    "--errors", default=0, show_default=True, type=click.IntRange(min=0), metavar="N",
    help="Also print N missed and N spurious attributions with context.",
)
@options("json", "rules_only")
def eval_polnear(directory: str, split: str, errors: int, as_json: bool, rules_only: bool) -> None:
    """Score extraction on a PolNeAR-format corpus (text/ + brat attributions/).

    Runs the same path as `onrecord extract` over every annotated text and prints precision,
    recall and F1 (exact and overlap) for source, cue and content, and the attribution-level F1,
    with the definitions of the shared reference scorer (tools/attr_eval.py). The extract fields
    map as: source = speaker_mention_span, cue = cue_span, content = content_spans.

    \b
    Examples:
      onrecord eval polnear ../shared/polnear --split dev
      onrecord eval polnear ../shared/polnear --errors 20 | less
      onrecord eval polnear ../shared/polnear --json > dev-scores.json
      onrecord eval polnear ../shared/polnear --rules-only   # the faster configuration
    """
    console = make_console(stderr=True)
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("docs", total=None)
        scores, failures = evaluate_polnear(
            Path(directory), split, lambda done, total: bar.update(task, completed=done, total=total), learned=not rules_only
        )
    for failure in failures:
        click.echo(f"error: {one_line(str(failure))}", err=True)
    if as_json:
        _echo_json(report.scores_dict(scores, len(scores.docs), errors))
    else:
        click.echo(f"{len(scores.docs)} document{'s' * (len(scores.docs) != 1)}, {sum(len(d.gold) for d in scores.docs)} gold attributions")
        for line in report.score_lines(scores):
            click.echo(line)
        missed, spurious = report.error_cases(scores, errors)
        for case in [*missed, *spurious]:
            click.echo("\n".join(safe(line) for line in report.case_lines(case)))
    if failures:
        raise SystemExit(1)


@eval_group.command("mrpc")
@click.argument("file", type=click.Path(dir_okay=False), metavar="FILE")
@options("json")
def eval_mrpc(file: str, as_json: bool) -> None:
    """Score the statement matcher on an MRPC-format file of sentence pairs.

    FILE is tab-separated with a header line: Quality (1: the two say the same thing, else 0),
    #1 ID, #2 ID, #1 String, #2 String, as in the Microsoft Research Paraphrase Corpus. Every
    pair goes through the matcher the cross-article linker uses (same words, then the number and
    negation guards, then the model) and the command prints accuracy, precision, recall and F1,
    with "same statement" as the positive class. The matcher was trained on MRPC's train split:
    figures on that file are not a fair measure.

    \b
    Examples:
      onrecord eval mrpc ../shared/mrpc/msr_paraphrase_train.txt
      onrecord eval mrpc pairs.tsv --json   # one line: {"accuracy":…, "precision":…, "recall":…, "f1":…, "pairs":…}
    """
    scores = evaluate_mrpc(file)
    if as_json:
        click.echo(json.dumps(scores.to_dict(), separators=(",", ":")))
        return
    for name in ("accuracy", "precision", "recall", "f1"):
        click.echo(f"{name:<10} {getattr(scores, name):.3f}")
    click.echo(f"{'pairs':<10} {scores.pairs}")


@cli.command()
@options("db")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(min=0, max=65535), help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="No uploads: leave out every route that writes (for a public server).")
@click.option(
    "--max-bytes",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    type=click.IntRange(min=1, max=MAX_BYTES_CEILING),
    metavar="N",
    help="Refuse an upload holding a file larger than N bytes (HTTP 413; nothing of it is stored).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests sent to host name NAME (repeatable; *.example.org: its subdomains; '*': any). "
    "Answered anyway: localhost, the --host address and any IP address. Other names get 400, so that a web "
    "page cannot reach the server through a name of its own pointed here (DNS rebinding). Give the name "
    "users type, such as the one a proxy forwards: --allow-host onrecord.example.org.",
)
@click.option(
    "--max-queue",
    default=8,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="N",
    help="Uploads received, waiting or being processed at once; one more is refused with 503 and Retry-After. "
    "Uploads wait on disk (about N x 50 files x --max-bytes at most) and are processed one at a time.",
)
@click.option(
    "--upload-wait",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0, max=600),
    metavar="SECONDS",
    help="How long an upload waits for its results before the server answers 202 with a link to follow "
    "its progress (the page reloads itself; the API gives /api/jobs/ID).",
)
@options("rules_only")
def serve(
    db: str,
    host: str,
    port: int,
    read_only: bool,
    max_bytes: int,
    allow_hosts: tuple[str, ...],
    max_queue: int,
    upload_wait: float,
    rules_only: bool,
) -> None:
    """Serve the web app and the JSON API over the database.

    Pages: search (/), speakers (/speakers), the evidence behind each quote (/articles/ID) and an
    upload page (/upload, not with --read-only). The JSON API is under /api; its reference is at
    /docs and its OpenAPI schema at /openapi.json. Listens on loopback unless --host says otherwise,
    and answers only to localhost, IP addresses and the names --allow-host gives. Uploads are
    queued and processed one at a time in a worker process, so pages keep answering meanwhile.

    \b
    Examples:
      onrecord serve                                  # http://127.0.0.1:8000
      onrecord serve --db news.db --port 8080
      onrecord serve --read-only --host 0.0.0.0       # public, no uploads
      onrecord serve --read-only --host 0.0.0.0 --allow-host onrecord.example.org
      curl 'http://127.0.0.1:8000/api/quotes?speaker=peskov&limit=5'
    """
    import uvicorn

    from onrecord.web import create_app

    app = create_app(
        db,
        read_only=read_only,
        max_bytes=max_bytes,
        learned=not rules_only,
        allow_hosts=(host, *allow_hosts),
        max_queue=max_queue,
        upload_wait=upload_wait,
    )
    mode = "read-only" if read_only else "uploads allowed"
    click.echo(f"onrecord: serving {safe(db)} ({mode}) on http://{host}:{port}  (API reference: /docs; Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main() -> None:
    """The `onrecord` console script."""
    cli(prog_name="onrecord")
