"""The Host allow-list: DNS rebinding cannot reach the server (issue 13, item 5).

A page on attacker.example whose name the attacker re-points at 127.0.0.1 makes the browser send
`Host: attacker.example:PORT` with a matching `Origin`: same-origin to the browser, so the cross-site
check alone let it read everything and upload. The server answers only to the names it was told.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from onrecord.web.app import app_from_env, create_app
from onrecord.web.deps import DEFAULT_MAX_QUEUE, DEFAULT_UPLOAD_WAIT_S

Client = Callable[..., TestClient]
REBOUND = "attacker.example:8000"
UPLOAD = ("files", ("x.txt", b"Mayor Ada Quist said the rebinding upload was stored.\n", "text/plain"))


def count(client: TestClient) -> int:
    return int(client.get("/api/quotes").json()["total"])


@pytest.mark.parametrize("url", ["/", "/articles/1", "/speakers", "/upload", "/api/quotes", "/api/quotes.csv",
                                 "/api/articles/1", "/openapi.json", "/static/app.css", "/no-such-page"])
def test_app_refuses_a_rebound_host_for_reads(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"Host": REBOUND})
    assert response.status_code == 400
    assert "content-security-policy" in response.headers
    if url.startswith(("/api/", "/openapi.json")):
        assert response.json() == {"error": response.json()["error"], "field": None, "status": 400}
        assert "attacker.example" in response.json()["error"]
    else:
        assert "attacker.example" in response.text and "<script" not in response.text


@pytest.mark.parametrize("url", ["/api/ingest", "/upload"])
def test_app_refuses_a_rebound_host_for_uploads(client: TestClient, url: str) -> None:
    before = count(client)
    headers = {"Host": REBOUND, "Origin": f"http://{REBOUND}"}
    response = client.post(url, files=[UPLOAD], headers=headers)
    assert response.status_code == 400
    assert count(client) == before
    assert client.app.state.jobs.counts() == {"receiving": 0, "queued": 0, "running": 0}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:8000", "LOCALHOST:8000", "localhost.:8000", "127.0.0.1:8000", "[::1]:8000",
     "192.168.1.20", "0.0.0.0:8000", "testserver"],
)
def test_app_answers_allowed_hosts_and_ip_literals(client: TestClient, host: str) -> None:
    assert client.get("/api/quotes", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    ("allowed", "host", "ok"),
    [
        ((), "localhost", True),
        ((), "10.1.2.3:80", True),
        ((), "testserver", False),
        ((), "attacker.example", False),
        ((), "localhost.attacker.example", False),
        ((), "", False),
        ((), "localhost:port", False),
        (("news.example.org",), "NEWS.example.org:443", True),
        (("*.example.org",), "a.example.org", True),
        (("*.example.org",), "a.b.example.org", True),
        (("*.example.org",), "example.org", False),
        (("*.example.org",), "evilexample.org", False),
        (("*",), "anything.example", True),
    ],
)
def test_app_host_allowed(allowed: tuple[str, ...], host: str, ok: bool) -> None:
    from onrecord.web.app import host_allowed

    assert host_allowed(host, frozenset({"localhost", *allowed})) is ok


@pytest.mark.parametrize("host", ["news.example.org"])
def test_app_allow_hosts_lets_a_deployment_name_in(make_client: Client, host: str) -> None:
    client = make_client(allow_hosts=[host])
    assert client.get("/api/quotes", headers={"Host": host}).status_code == 200
    assert client.get("/api/quotes", headers={"Host": "testserver"}).status_code == 400, "the test host is not added"


@pytest.mark.parametrize(("env", "allowed"), [("news.example.org, *.lan", {"localhost", "news.example.org", "*.lan"})])
def test_app_env_factory_reads_allowed_hosts(web_db: Any, monkeypatch: pytest.MonkeyPatch, env: str, allowed: set[str]) -> None:
    monkeypatch.setenv("ONRECORD_DB", str(web_db))
    monkeypatch.setenv("ONRECORD_ALLOW_HOSTS", env)
    assert app_from_env().state.settings.allow_hosts == frozenset(allowed)


@pytest.mark.parametrize(
    ("args", "allowed", "max_queue"),
    [
        ([], {"localhost", "127.0.0.1"}, DEFAULT_MAX_QUEUE),
        (["--host", "box.lan", "--allow-host", "news.example.org", "--allow-host", "*.example.net", "--max-queue", "3"],
         {"localhost", "box.lan", "news.example.org", "*.example.net"}, 3),
    ],
)
def test_cli_serve_passes_allowed_hosts_and_queue(
    web_db: Any, monkeypatch: pytest.MonkeyPatch, args: list[str], allowed: set[str], max_queue: int
) -> None:
    import uvicorn

    from onrecord.cli import cli

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    result = CliRunner().invoke(cli, ["serve", "--db", str(web_db), *args])
    assert result.exit_code == 0, result.output
    settings = served["app"].state.settings
    assert (settings.allow_hosts, settings.max_queue) == (frozenset(allowed), max_queue)
    assert (settings.upload_wait, settings.upload_worker) == (DEFAULT_UPLOAD_WAIT_S, "process")


@pytest.mark.parametrize("option", ["--allow-host", "--max-queue", "--upload-wait"])
def test_cli_serve_help_explains_the_new_options(option: str) -> None:
    from onrecord.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and option in result.output


@pytest.mark.parametrize("headers", [{"Host": "testserver"}])
def test_app_default_refuses_the_test_host(web_db: Any, headers: dict[str, str]) -> None:
    # The default is strict: the tests' own host name passes only because conftest allows it.
    with TestClient(create_app(web_db)) as client:
        assert client.get("/api/quotes", headers=headers).status_code == 400
        assert client.get("/api/quotes", headers={"Host": "localhost"}).status_code == 200
