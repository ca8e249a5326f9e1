"""The web app in a real browser: Debian's headless Chromium driven by Playwright, against uvicorn.

The issue's words: search for 'peacekeepers', open the result, see the highlighted sentence on the
article page; an article whose quote holds `<img src=x onerror=alert(1)>` and
`</script><script>alert(1)</script>` is shown on every page without any script running; the
attribution list works from the keyboard.

Screenshots go to test-output/screenshots/ under the repo root ($ONRECORD_TEST_OUTPUT/screenshots
when that is set). Without chromium or playwright every test skips and says how to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn

from onrecord.web import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_CHROMIUM = (
    "Debian's chromium is not installed: `make setup` installs it, or run "
    "`apt-get update && apt-get install -y chromium` (never `playwright install`)"
)
NO_PLAYWRIGHT = "playwright is not installed: run `make setup` (pip install -c constraints.txt -e '.[test]')"
PHONE_WIDTH = 375
UPLOAD_TIMEOUT_MS = 120_000
"""The first upload starts the server's worker process and loads the models; on two shared cores that can
outlast the server's wait, and the browser then follows the upload's progress page until it is done."""

IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"
HOSTILE_NAME = f"hostile {IMG_PAYLOAD}.txt"
"""The file name carries a payload too: the upload results page shows names, not quotes."""
HOSTILE_QUOTE = (
    f"Someone typed {IMG_PAYLOAD} into the search box, and then {SCRIPT_PAYLOAD} into the comments field, "
    "and the old registry simply ran it"
)
# A line with `/` in it never reads as a title (credit marks), so the title carries the <img> payload only.
HOSTILE_ARTICLE = "\n".join(
    [
        f"Minister: attackers typed {IMG_PAYLOAD} into the court registry",
        "09:40 GMT 04.03.2025",
        "Digital Affairs Minister Helena Marsh said on Tuesday that attackers had typed code into the public "
        "search box of the national court registry.",
        f'"{HOSTILE_QUOTE}," Marsh told reporters in Brussels.',
        "The ministry said no personal data had been taken and that the registry had been offline since Monday.",
        '"We have closed the hole, and we will publish a full report next week," Marsh said.',
        "",
    ]
)
EVIDENCE_HREF = re.compile(r"^/articles/(\d+)#q(\d+)$")


@dataclass
class Tab:
    """A page and what it did that it must not: dialogs opened, script errors, CSP refusals."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.page.url}")
        dialog.dismiss()

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "content security policy" in message.text.lower():
            self.errors.append(f"CSP: {message.text} on {self.page.url}")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"page error: {error} on {self.page.url}")

    def assert_quiet(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.errors == [], f"script errors or CSP refusals: {self.errors}"


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def screenshot_dir() -> Path:
    base = os.environ.get("ONRECORD_TEST_OUTPUT") or str(ROOT / "test-output")
    path = Path(base) / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        # On CI the setup installs chromium, so a missing browser is a failure there, not a skip.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(NO_CHROMIUM)
    return path


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    sync_api = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser_db(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed store: these tests upload into theirs, and `seed_db` is shared with others."""
    path = tmp_path_factory.mktemp("browser-store") / "browser.db"
    with closing(sqlite3.connect(seed_db)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    return path


@pytest.fixture(scope="module")
def base_url(browser_db: Path) -> Iterator[str]:
    yield from serve(browser_db)


@pytest.fixture(scope="module")
def statements_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a hand-built store: one statement reported by three outlets in three wordings."""
    from tests.stores import stored
    from tests.web.test_statements import statement_articles

    yield from serve(stored(tmp_path_factory.mktemp("statements-store") / "statements.db", statement_articles()))


def serve(db: Path) -> Iterator[str]:
    """The real app under uvicorn on a free local port, in a background thread."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    watched = Tab(page)
    page.on("dialog", watched.on_dialog)
    page.on("console", watched.on_console)
    page.on("pageerror", watched.on_page_error)
    yield watched
    context.close()


def search(page: Page, base_url: str, query: str) -> None:
    """Type `query` into the search box and submit it with Enter, as a reader would."""
    from playwright.sync_api import expect

    page.goto(f"{base_url}/")
    box = page.locator("form#search input[name=q]")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")
    expect(page.locator("ol.results li.result").first).to_be_visible()


def first_result_with_mark(page: Page, term: str) -> tuple[str, str, str]:
    """The evidence link, speaker link and speaker name of the first result whose quote marks `term`."""
    from playwright.sync_api import expect

    marked = page.locator("blockquote.quote mark", has_text=re.compile(rf"^\s*{re.escape(term)}\s*$", re.I))
    result = page.locator("ol.results li.result").filter(has=marked).first
    expect(result).to_be_visible()
    evidence = result.locator("a.evidence").first.get_attribute("href") or ""
    speaker = result.locator("a[href^='/speakers/']").first
    return evidence, speaker.get_attribute("href") or "", speaker.inner_text().strip()


def quote_text(page: Page, quote_id: str) -> str:
    """The text of the content segments of quote `quote_id` on an article page, in document order."""
    parts = page.locator(f'.content[data-q~="{quote_id}"]').all_inner_texts()
    return " ".join(" ".join(parts).split())


def assert_no_foreign_markup(page: Page) -> None:
    """No element made from quoted text: no <img src=x>, no handler attribute, no script but /static ones."""
    assert page.locator("img[src=x], [onerror]").count() == 0, f"markup from text on {page.url}"
    sources = page.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))")
    assert all(src and src.startswith("/static/") for src in sources), f"scripts {sources} on {page.url}"


@pytest.mark.parametrize("term", ["peacekeepers"])
def test_browser_search_opens_highlighted_evidence(tab: Tab, base_url: str, term: str) -> None:
    from playwright.sync_api import expect

    page, shots = tab.page, screenshot_dir()
    search(page, base_url, term)
    evidence, speaker_href, speaker_name = first_result_with_mark(page, term)
    match = EVIDENCE_HREF.match(evidence)
    assert match, f"evidence link {evidence!r} is not /articles/{{id}}#q{{quote_id}}"
    assert speaker_href.startswith("/speakers/") and speaker_name
    page.screenshot(path=shots / "search.png", full_page=True)

    page.locator(f'a.evidence[href="{evidence}"]').first.click()
    page.wait_for_url(f"**{evidence}")
    quote_id = match.group(2)
    target = page.locator(f"#q{quote_id}")
    expect(target).to_have_class(re.compile(r"(^|\s)content(\s|$)"))
    expect(target).to_be_in_viewport()
    assert term in quote_text(page, quote_id).lower()
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the quoted sentence is not highlighted"
    page.screenshot(path=shots / "article.png", full_page=True)

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 812})
    page.reload()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=shots / "article-phone.png", full_page=True)
    assert scroll_width <= PHONE_WIDTH, f"the article page scrolls sideways on a phone: {scroll_width}px wide"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base_url}{speaker_href}")
    expect(page.locator("h1")).to_contain_text(speaker_name)
    expect(page.locator("main svg").first).to_be_visible()
    page.screenshot(path=shots / "speaker.png", full_page=True)
    tab.assert_quiet()


def check_hostile_page(tab: Tab, shows_quote: bool) -> None:
    from playwright.sync_api import expect

    page = tab.page
    expect(page.get_by_text(IMG_PAYLOAD, exact=False).first).to_be_visible()
    if shows_quote:
        expect(page.get_by_text(SCRIPT_PAYLOAD, exact=False).first).to_be_visible()
    assert_no_foreign_markup(page)
    tab.assert_quiet()


@pytest.mark.parametrize("query", ["onerror"])
def test_browser_hostile_article_shows_as_text(tab: Tab, base_url: str, query: str) -> None:
    from playwright.sync_api import expect

    page = tab.page
    page.goto(f"{base_url}/upload")
    upload = {"name": HOSTILE_NAME, "mimeType": "text/plain", "buffer": HOSTILE_ARTICLE.encode()}
    page.locator("input[type=file][name=files]").set_input_files(files=[upload])
    # The chosen file is listed (by upload.js) as text, payload and all.
    expect(page.locator("form.upload .chosen li")).to_contain_text(HOSTILE_NAME)
    check_hostile_page(tab, shows_quote=False)
    with page.expect_navigation(timeout=UPLOAD_TIMEOUT_MS) as navigation:
        page.locator("form:has(input[name=files]) [type=submit]").click()
    answer = navigation.value
    assert answer is not None and answer.ok, f"upload answered {answer and answer.status}: {page.inner_text('main')}"
    article_link = page.locator("main a[href^='/articles/']").first
    expect(article_link).to_be_visible(timeout=UPLOAD_TIMEOUT_MS)  # done at once, or after the progress page reloads
    check_hostile_page(tab, shows_quote=False)
    article_href = article_link.get_attribute("href") or ""

    search(page, base_url, query)
    check_hostile_page(tab, shows_quote=True)
    quotes = page.locator("ol.results blockquote.quote").all_inner_texts()
    assert [text for text in quotes if HOSTILE_QUOTE in " ".join(text.split())], f"no exact hostile quote in {quotes}"
    speaker_href = page.locator("ol.results li.result a[href^='/speakers/']").first.get_attribute("href")

    page.goto(f"{base_url}{article_href}")
    expect(page.locator("h1")).to_contain_text(IMG_PAYLOAD)
    check_hostile_page(tab, shows_quote=True)

    page.goto(f"{base_url}{speaker_href}")
    expect(page.locator("h1")).to_contain_text("Helena Marsh")
    check_hostile_page(tab, shows_quote=True)


FOCUSED_JUMP = """() => {
    const el = document.activeElement;
    return el && el.matches('a[href^="#q"]') && el.closest('.attributions') ? el.getAttribute('href') : null;
}"""
"""The href of the focused element when it is a link of the attribution list to a quote, else null."""


@pytest.mark.parametrize("term", ["peacekeepers"])
def test_browser_keyboard_reaches_attributions(tab: Tab, base_url: str, term: str) -> None:
    from playwright.sync_api import expect

    page = tab.page
    search(page, base_url, term)
    evidence, _, _ = first_result_with_mark(page, term)
    page.goto(f"{base_url}{evidence.split('#')[0]}")
    href = None
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate(FOCUSED_JUMP)
        if href:
            break
    assert href, "Tab never reached a link of the attribution list"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"{re.escape(href)}$"))
    expect(page.locator(href)).to_be_in_viewport()
    tab.assert_quiet()


@pytest.mark.parametrize("name", ["dropped.txt"])
def test_browser_files_dropped_on_the_upload_form_are_chosen(tab: Tab, base_url: str, name: str) -> None:
    from playwright.sync_api import expect

    page = tab.page
    page.goto(f"{base_url}/upload")
    dropped = page.evaluate_handle(
        "name => { const d = new DataTransfer(); d.items.add(new File(['A short text.'], name)); return d; }", name
    )
    page.locator("form.upload").dispatch_event("drop", {"dataTransfer": dropped})
    expect(page.locator("form.upload .chosen li")).to_contain_text(name)
    assert page.locator("input[type=file][name=files]").evaluate("input => input.files.length") == 1
    tab.assert_quiet()


def test_browser_statement_page_marks_differing_words(tab: Tab, statements_url: str) -> None:
    """The statements list leads to a statement whose reports sit side by side, the words that differ
    from the statement's wording visibly marked (a hostile <script> among them, shown as text), each
    with its evidence link to the article, the quote highlighted there."""
    from playwright.sync_api import expect

    from tests.web.test_statements import SCRIPT

    page, shots = tab.page, screenshot_dir()
    page.goto(f"{statements_url}/")
    page.locator("header.site nav a", has_text="Statements").click()
    page.wait_for_url("**/statements")
    expect(page.locator("ol.statements li.result").first).to_contain_text("reported 3 times by 3 outlets, 3 independent")
    page.locator("ol.statements li.result a.compare").first.click()
    page.wait_for_url(re.compile(r"/statements/\d+$"))

    rows = page.locator("table.reports tbody tr")
    expect(rows).to_have_count(3)
    marked = page.locator("table.reports mark.diff")
    expect(marked).to_have_count(1)
    expect(marked).to_be_visible()
    expect(marked).to_have_text(SCRIPT)
    background = marked.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the differing words are not highlighted"
    unmarked = page.locator("table.reports td.wording", has_text="drone attacks")
    expect(unmarked.locator("mark")).to_have_count(0)
    assert_no_foreign_markup(page)
    page.screenshot(path=shots / "statement.png", full_page=True)

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 812})
    page.reload()
    expect(marked).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=shots / "statement-phone.png", full_page=True)
    assert scroll_width <= PHONE_WIDTH, f"the statement page scrolls sideways on a phone: {scroll_width}px wide"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    evidence = rows.filter(has=page.locator("mark.diff")).locator("a.evidence")
    href = evidence.get_attribute("href") or ""
    match = EVIDENCE_HREF.match(href)
    assert match, f"evidence link {href!r} is not /articles/{{id}}#q{{quote_id}}"
    evidence.click()
    page.wait_for_url(f"**{href}")
    target = page.locator(f"#q{match.group(2)}")
    expect(target).to_have_class(re.compile(r"(^|\s)content(\s|$)"))
    expect(target).to_be_in_viewport()
    assert_no_foreign_markup(page)
    tab.assert_quiet()


def test_browser_story_page_and_topic_chips(tab: Tab, base_url: str) -> None:
    """From the nav to the drone-attack story: its timeline by outlet, its statements grouped by speaker, its
    figures with their sources; a topic chip on a quote leads to the quotes on that topic; nothing scrolls
    sideways on a phone."""
    from playwright.sync_api import expect

    page, shots = tab.page, screenshot_dir()
    page.goto(f"{base_url}/")
    page.locator("header.site nav a", has_text="Stories").click()
    page.wait_for_url("**/stories")
    page.locator("ol.stories li.result a", has_text="Putin orders").click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    expect(page.locator("table.timeline tbody tr")).to_have_count(3)
    expect(page.locator("h3.speaker-group", has_text="Dmitry Peskov")).to_be_visible()
    expect(page.locator("table.figures tbody tr", has_text="Ukrainian officials")).to_contain_text("29 of 31")
    assert_no_foreign_markup(page)
    page.screenshot(path=shots / "story.png", full_page=True)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 812})
    page.reload()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE_WIDTH, f"the story page scrolls sideways on a phone: {scroll_width}px wide"
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{base_url}/?q=Tokyo")
    chip = page.locator("ol.results li.result a.topic").filter(has_text=re.compile(r"^Japan$")).first
    chip.click()
    page.wait_for_url(re.compile(r"/\?topic=Japan$"))
    expect(page.locator("ol.results li.result").first).to_be_visible()
    expect(page.locator("form#search input[name=topic]")).to_have_value("Japan")
    tab.assert_quiet()
