"""Server benchmark: each key page as shipped, rendered on every request by gunicorn,
beside a hello-world Flask view (bench/hello.py) on the same gunicorn settings. The two
are timed in turn for ``ROUNDS`` rounds; the median is reported as a ratio, with the
page's p50 and p95 latency. Then the SQL statements of each page at 1x and 10x history,
a first and a repeat visit in Chromium (bench/wire.py) and Lighthouse mobile scores
(bench/lighthouse.py). The data: a year of history for 10 units (bench/data.py).

Budgets (QUALITY.md): ratio at least 0.10; SQL per page the same at 1x and 10x; a first
visit at most 40 KB compressed, its HTML at most 14 KB; no static asset fetched on a
repeat visit; Lighthouse performance at least 95, accessibility 100.
Run by `make bench`; writes bench/results/server.json.
"""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import lighthouse  # noqa: E402
from wire import measure  # noqa: E402

VENV_BIN = ROOT / ".venv" / "bin"
GUNICORN = [
    str(VENV_BIN / "gunicorn"),
    "--workers",
    "2",
    "--threads",
    "1",
    "--log-level",
    "warning",
]
DURATION = os.environ.get("BENCH_SECONDS", "4")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
MIN_RATIO = 0.10
MAX_FIRST_VISIT_KB = 40
MAX_HTML_KB = 14

# (name, path, who is signed in)
KEY_PAGES = [
    ("visitors' page", "/units/bench-0", None),
    ("sign-in", "/sign-in", None),
    ("mother home", "/me/", "mother0-0"),
    ("book a session", "/me/sessions/book", "mother0-0"),
    ("timetable", "/timetable/", "mother0-0"),
    ("feedback form", "/feedback/give", "mother0-0"),
    ("caseload", "/peer/caseload", "peer0-0"),
    ("peer worker home", "/peer/", "peer0-0"),
    ("staff people", "/staff/people", "staff0"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(target: str, env: dict):
    port = free_port()
    process = subprocess.Popen(
        [*GUNICORN, "--bind", f"127.0.0.1:{port}", target], cwd=ROOT, env=env
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def wrk(url: str, cookie: str | None = None, seconds: str = DURATION) -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "-s", str(ROOT / "bench/latency.lua"), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


def sign_in(base: str, username: str) -> str:
    from bench.data import BENCH_PASSWORD

    session = requests.Session()
    page = session.get(base + "/sign-in").text
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)
    response = session.post(
        base + "/sign-in",
        allow_redirects=False,
        data={"csrf_token": token, "username": username, "password": BENCH_PASSWORD},
    )
    assert response.status_code == 302, f"sign-in failed for {username}"
    # Open the page she lands on, as a browser would: the cookie then holds her CSRF secret.
    session.get(base + response.headers["Location"])
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def prepare_database(instance: Path, scale: int) -> dict:
    env = {**os.environ, "INSTANCE_PATH": str(instance), "APP_ENV": "development"}
    env["SESSION_IDLE_MINUTES"] = "600"
    if "BENCH_DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    flask = [str(VENV_BIN / "flask"), "--app", "wsgi"]
    subprocess.run([str(VENV_BIN / "python"), "-m", "app.instance"], cwd=ROOT, env=env, check=True)
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    bench_data = [str(VENV_BIN / "python"), "-m", "bench.data", "--scale", str(scale)]
    subprocess.run(bench_data, cwd=ROOT, env=env, check=True)
    return env


COUNT_QUERIES = r"""
import json, re, sys
from sqlalchemy import event
from app import create_app
from app.extensions import db
from bench.data import BENCH_PASSWORD

app = create_app()
with app.app_context():
    engine = db.engine
statements = []
event.listen(engine, "before_cursor_execute", lambda *a: statements.append(1))
counts = {}
HOST = {"base_url": "http://127.0.0.1"}  # the host that PUBLIC_BASE_URL names
for name, path, user in json.loads(sys.argv[1]):
    client = app.test_client()
    if user:
        html = client.get("/sign-in", **HOST).get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', html).group(1)
        data = {"csrf_token": token, "username": user, "password": BENCH_PASSWORD}
        client.post("/sign-in", data=data, **HOST)
    client.get(path, **HOST)
    statements.clear()
    assert client.get(path, **HOST).status_code == 200, (name, path)
    counts[name] = len(statements)
print(json.dumps(counts))
"""


def query_counts(env: dict) -> dict:
    """SQL statements per page (the second visit), counted in process by the test client."""
    output = subprocess.run(
        [str(VENV_BIN / "python"), "-c", COUNT_QUERIES, json.dumps(KEY_PAGES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if output.returncode != 0:
        raise SystemExit(f"Counting SQL statements failed:\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def time_pages(app_url: str, hello_url: str, cookies: dict) -> dict:
    pages = {}
    for name, path, user in KEY_PAGES:
        # Sign in afresh for each page: a browser keeps the cookie the app refreshes each
        # minute, but wrk sends one cookie throughout.
        if user:
            cookies[user] = sign_in(app_url, user)
        page_runs, hello_runs = [], []
        # Warm up first: every worker compiles the page's templates on its first visit.
        wrk(hello_url + "/", seconds="1")
        wrk(app_url + path, cookies.get(user), seconds="1")
        for _ in range(ROUNDS):
            hello_runs.append(wrk(hello_url + "/"))
            page_runs.append(wrk(app_url + path, cookies.get(user)))
        page_rps = statistics.median(r["rps"] for r in page_runs)
        hello_rps = statistics.median(r["rps"] for r in hello_runs)
        pages[name] = {
            "path": path,
            "rps": round(page_rps, 1),
            "hello_rps": round(hello_rps, 1),
            "ratio": round(page_rps / hello_rps, 3),
            "p50_ms": statistics.median(r["p50"] for r in page_runs),
            "p95_ms": statistics.median(r["p95"] for r in page_runs),
            "errors": sum(r["errors"] + r["non2xx"] for r in page_runs),
        }
    return pages


def main() -> int:
    results = {}
    with tempfile.TemporaryDirectory() as one_x, tempfile.TemporaryDirectory() as ten_x:
        env = prepare_database(Path(one_x), 1)
        env10 = prepare_database(Path(ten_x), 10)
        results["queries"] = {"1x": query_counts(env), "10x": query_counts(env10)}
        hello_env = {**env, "PYTHONPATH": str(ROOT / "bench")}
        with gunicorn("wsgi:app", env) as app_url, gunicorn("hello:app", hello_env) as hello_url:
            cookies = {}
            results["pages"] = time_pages(app_url, hello_url, cookies)
            print_pages(results)
            results["wire"] = measure(app_url, KEY_PAGES, cookies)
            print_wire(results)
            results["lighthouse"] = lighthouse.measure(app_url, KEY_PAGES, cookies)
            print_lighthouse(results)
    print(f"Written to {write(results)}")
    return 0


def write(results: dict) -> Path:
    out = ROOT / "bench/results/server.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    return out


def mark(within_budget: bool) -> str:
    return "" if within_budget else "  over budget"


def print_pages(results: dict) -> None:
    write(results)  # kept even if a later step fails
    print(
        f"{'page':<20}{'req/s':>9}{'hello req/s':>13}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'SQL 1x':>8}{'SQL 10x':>9}"
    )
    for name, row in results["pages"].items():
        sql = results["queries"]["1x"][name], results["queries"]["10x"][name]
        print(
            f"{name:<20}{row['rps']:>9.0f}{row['hello_rps']:>13.0f}{row['ratio']:>8.2f}"
            f"{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{sql[0]:>8}{sql[1]:>9}"
            + mark(row["ratio"] >= MIN_RATIO and sql[0] == sql[1] and not row["errors"])
        )
    print(flush=True)


def print_wire(results: dict) -> None:
    write(results)
    print(f"{'page':<20}{'first KB':>10}{'HTML KB':>9}{'static requests on repeat':>27}")
    for name, row in results["wire"].items():
        first_kb = row["first"]["total_bytes"] / 1024
        html_kb = row["first"]["html_bytes"] / 1024
        repeat = row["repeat"]["static_from_network"]
        print(
            f"{name:<20}{first_kb:>10.1f}{html_kb:>9.1f}{repeat:>27}"
            + mark(first_kb <= MAX_FIRST_VISIT_KB and html_kb <= MAX_HTML_KB and not repeat)
        )
    print(flush=True)


def print_lighthouse(results: dict) -> None:
    print(f"{'page':<20}{'Lighthouse performance':>24}{'accessibility':>15}")
    for name, row in results["lighthouse"].items():
        print(
            f"{name:<20}{row['performance']:>24}{row['accessibility']:>15}"
            + mark(row["performance"] >= 95 and row["accessibility"] == 100)
        )


if __name__ == "__main__":
    sys.exit(main())
