"""`quotes`, `speakers`, `show`, `stats`: output, JSON, hostile article text, one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import Result

from onrecord.cli_render import CONTENT_STYLE, CUE_STYLE, SOURCE_STYLE, _styled_text, safe
from onrecord.export import quote_record
from onrecord.store import latest_version, queries
from onrecord.web.schemas import QuoteOut
from tests.cli.conftest import Invoke
from tests.store.builders import article, quote, sample_articles
from tests.store.odd_stores import as_reader, neighbours, snapshot, store_at_version, unwritable_copy
from tests.stores import stored

HOSTILE_TEXT = 'The [bold]minister[/bold] said "[red]we are [/] fine[link=x]" \x1b[31mtoday\x1b[0m.\r\nEnd.'


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    item = article(
        HOSTILE_TEXT,
        [quote(HOSTILE_TEXT, "[red]we are [/] fine[link=x]", mention="The [bold]minister[/bold]", name="[bold]X[/bold]")],
        title="[blink]Title[/blink]",
    )
    return stored(path, [item])


@pytest.mark.parametrize(("args", "count"), [((), 5), (("--speaker", "peskov"), 2), (("--kind", "mixed"), 0)])
def test_cli_quotes_json_is_the_api_record_of_the_query_result(
    invoke: Invoke, sample_db: Path, args: tuple[str, ...], count: int
) -> None:
    result = invoke("quotes", "--db", sample_db, "--json", *args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == count
    conn = sqlite3.connect(sample_db)
    expected = queries.find_quotes(conn, queries.QuoteFilter(**{args[i][2:]: args[i + 1] for i in range(0, len(args), 2)}))
    conn.close()
    assert rows == json.loads(json.dumps([quote_record(row) for row in expected]))
    assert all(set(row) == set(QuoteOut.model_fields) for row in rows), "the CLI gives the API's quote shape"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("--speaker", "peskov"), ["Dmitry Peskov", "Kremlin spokesman", "Anadolu Agency", "2023-05-31", "quotes 1-2 of 2"]),
        (("--search", "situation"), ["unknown (An official)", "—"]),
        (("--limit", "2"), ["quotes 1-2 of 5; next page: --offset 2"]),
        (("--search", "nothing-like-this"), ["no quotes match"]),
    ],
)
def test_cli_quotes_table(invoke: Invoke, sample_db: Path, args: tuple[str, ...], shown: list[str]) -> None:
    result = invoke("quotes", "--db", sample_db, *args)
    assert result.exit_code == 0, result.output
    for text in shown:
        assert text in result.stdout


@pytest.mark.parametrize(("args", "names"), [((), ["Dmitry Peskov", "James Cleverly"]), (("--search", "mod"), ["Ministry of Defence"])])
def test_cli_speakers(invoke: Invoke, sample_db: Path, args: tuple[str, ...], names: list[str]) -> None:
    table = invoke("speakers", "--db", sample_db, *args)
    data = json.loads(invoke("speakers", "--db", sample_db, "--json", *args).stdout)
    assert table.exit_code == 0
    assert all(name in table.stdout for name in names)
    assert [row["name"] for row in data][: len(names)] == names


@pytest.mark.parametrize("ref", ["1", "anadolu-1"])
def test_cli_show_article(invoke: Invoke, sample_db: Path, ref: str) -> None:
    result = invoke("show", "--db", sample_db, ref)
    assert result.exit_code == 0, result.output
    for text in ("Kremlin wants condemnation", "Anadolu Agency", "attributions (2)", "Dmitry Peskov", "Kremlin spokesman"):
        assert text in result.stdout
    assert json.loads(invoke("show", "--db", sample_db, ref, "--json").stdout)["doc_id"] == "anadolu-1"


@pytest.mark.parametrize("literal", ["[bold]minister[/bold]", "[red]we are [/] fine[link=x]", "[blink]Title[/blink]", "[bold]X[/bold]"])
def test_cli_show_prints_markup_in_articles_literally(invoke: Invoke, hostile_db: Path, literal: str) -> None:
    result = invoke("show", "--db", hostile_db, "1")
    assert result.exit_code == 0, result.output
    assert literal in result.stdout
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("command", [("quotes",), ("speakers",)])
def test_cli_tables_print_markup_literally(invoke: Invoke, hostile_db: Path, command: tuple[str, ...]) -> None:
    result = invoke(*command, "--db", hostile_db)
    assert "[bold]X[/bold]" in result.stdout and "\x1b" not in result.stdout


@pytest.mark.parametrize("text", [HOSTILE_TEXT])
def test_cli_render_replaces_controls_one_for_one(text: str) -> None:
    cleaned = safe(text)
    assert len(cleaned) == len(text)
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in cleaned)


@pytest.mark.parametrize(("part", "style"), [("content", CONTENT_STYLE), ("cue", CUE_STYLE), ("mention", SOURCE_STYLE)])
def test_cli_render_styles_each_attribution_part(sample_db: Path, part: str, style: str) -> None:
    conn = sqlite3.connect(sample_db)
    data = queries.get_article(conn, 1)
    conn.close()
    q = data["quotes"][0]
    start, end = {"content": q["content_spans"][0], "cue": q["cue_span"], "mention": [q["mention"]["start"], q["mention"]["end"]]}[part]
    spans = _styled_text(data).spans
    assert any(s.start == start and s.end == end and str(s.style) == style for s in spans)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("quotes", "--since", "yesterday"), "error: bad since date 'yesterday'"),
        (("quotes", "--until", "2023-02-30"), "error: bad until date '2023-02-30'"),
        (("show", "999"), "error: no article '999'"),
        (("stats", "--db", "{missing}"), "error: {missing}: no database here"),
        (("stats", "--db", "{not_db}"), "error: {not_db}: not an onrecord database"),
        (("stats", "--db", "{newer}"), "newer onrecord"),
    ],
)
def test_cli_user_errors_are_one_line(invoke: Invoke, sample_db: Path, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    paths = {"missing": str(tmp_path / "missing.db"), "not_db": str(tmp_path / "notes.db"), "newer": str(tmp_path / "newer.db")}
    Path(paths["not_db"]).write_text("not a database\n")
    store_at_version(Path(paths["newer"]), 99)
    args = tuple(a.format(**paths) for a in args)
    result = invoke(*args, *(() if "--db" in args else ("--db", sample_db)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message.format(**paths) in result.stderr
    assert not Path(paths["missing"]).exists()


@pytest.mark.parametrize("args", [("quotes", "--kind", "quoted"), ("quotes", "--limit", "0"), ("show",), ("nonsense",)])
def test_cli_usage_errors_exit_2(invoke: Invoke, sample_db: Path, args: tuple[str, ...]) -> None:
    result = invoke(*args, "--db", sample_db)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("key", "value"), [("articles", "3"), ("quotes", "5"), ("speakers", "3")])
def test_cli_stats(invoke: Invoke, sample_db: Path, key: str, value: str) -> None:
    assert f"{key}: {value}\n" in invoke("stats", "--db", sample_db).stdout
    assert str(json.loads(invoke("stats", "--db", sample_db, "--json").stdout)[key]) == value


def _outcome(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args", [("stats", "--json"), ("quotes", "--speaker", "peskov", "--json"), ("speakers", "--json"), ("show", "1", "--json")]
)
def test_cli_read_commands_read_a_store_in_an_unwritable_directory(invoke: Invoke, sample_db: Path, args: tuple[str, ...]) -> None:
    """Issue 13: `stats` on a store in a read-only directory failed with "attempt to write a readonly database"."""
    expected = invoke(*args, "--db", sample_db)
    assert expected.exit_code == 0, expected.output
    with unwritable_copy(sample_db) as copy:
        before = snapshot(copy)
        assert as_reader(lambda: _outcome(invoke(*args, "--db", copy))) == (0, expected.stdout, "")
        assert snapshot(copy) == before
        assert neighbours(copy) == []


@pytest.mark.parametrize("content", [b"", b"notes, not a database\n"], ids=["empty", "text"])
@pytest.mark.parametrize("args", [("stats",), ("quotes",), ("speakers",), ("show", "1")])
def test_cli_read_commands_leave_a_file_that_is_not_a_store_unchanged(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...], content: bytes
) -> None:
    """Issue 13: `stats` on an existing 0-byte file turned it into an onrecord store."""
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = snapshot(path)
    result = invoke(*args, "--db", path)
    assert snapshot(path) == before
    assert neighbours(path) == []
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"error: {path}: not an onrecord database") and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args", [("stats",), ("quotes",), ("ingest", "{articles}")])
def test_cli_newer_store_is_refused_unchanged(invoke: Invoke, tmp_path: Path, good_dir: Path, args: tuple[str, ...]) -> None:
    """Issue 13: a store whose user_version says it is newer was opened and written to."""
    newer = store_at_version(tmp_path / "newer.db", latest_version() + 1, sample_articles())
    before = snapshot(newer)
    result = invoke(*(a.format(articles=good_dir) for a in args), "--db", newer)
    assert snapshot(newer) == before
    assert (result.exit_code, result.stdout) == (1, "")
    assert len(result.stderr.splitlines()) == 1
    assert f"{newer}: written by a newer onrecord (schema {latest_version() + 1}" in result.stderr
    assert "upgrade onrecord" in result.stderr
