"""Every page of every role is valid HTML: zero errors from the W3C Nu HTML checker.

The pages are the GET routes of the access table (tests/integration/access/) that answer
200 with HTML, fetched as each visitor who may see them. They are checked in one run of
`vnu-jar` (from npm, on Java), as starting Java costs more than checking a page.
"""

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import signed_in_client
from tests.integration.access import PAGE_VISITORS, pages_for

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"
# What the NHS.UK frontend's own markup gives, used as the service manual documents it: the
# card and warning callout wrap their heading in <span role="text"> (so that VoiceOver reads
# it as one phrase), and the responsive table puts ARIA table roles on its rows and cells.
NHSUK_MARKUP = (
    "Bad value “text” for attribute “role” on element “span”.",
    "The “role” attribute must not be used on a “tr” element",
    "The “role” attribute must not be used on a “th” element",
    "The “role” attribute must not be used on a “td” element",
)


def pages_of_every_role(app, world) -> dict[str, str]:
    """Name -> HTML, for each page each visitor may open."""
    pages = {}
    for visitor in PAGE_VISITORS:
        client = (
            app.test_client() if visitor == "anonymous" else signed_in_client(app, world[visitor])
        )
        for url in pages_for(visitor, world):
            response = client.get(url)
            if response.status_code == 200 and response.mimetype == "text/html":
                pages[f"{visitor} {url}"] = response.get_data(as_text=True)
            response.close()
    return pages


def checker_errors(pages: dict[str, str], folder: Path) -> list[str]:
    assert VNU.exists() and shutil.which("java"), "the checker needs `npm ci` and Java: `make test`"
    files = {}
    for number, (name, html) in enumerate(sorted(pages.items())):
        path = folder / f"{number:03}.html"
        path.write_text(html)
        files[path.as_uri()] = name
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(run.stderr)["messages"]
    return [
        f"{files.get(m.get('url'), m.get('url'))}: {m['message']} "
        f"(line {m.get('lastLine')}: {' '.join(m.get('extract', '').split())[:120]!r})"
        for m in messages
        if not m["message"].startswith(NHSUK_MARKUP)
    ]


def test_every_page_of_every_role_is_valid_html(app, world, tmp_path):
    pages = pages_of_every_role(app, world)
    assert len(pages) > 40  # the table's pages, not an empty run
    errors = checker_errors(pages, tmp_path)
    assert not errors, "\n".join(errors)


def test_the_checker_finds_an_error(tmp_path):
    bad = "<!doctype html><html lang=en><title>x</title><p><div></p>"
    assert checker_errors({"bad page": bad}, tmp_path)
