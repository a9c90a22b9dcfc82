"""Server benchmark: each key page under gunicorn against a hello-world Flask view under
the same gunicorn settings, measured side by side, reported as ratios.

Also the SQL query count of each page at 1x and 10x history (it must not grow).
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import lighthouse  # noqa: E402
from wire import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
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
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))

# (name, path, who is signed in). Features add their key pages here.
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


def query_counts(env: dict) -> dict:
    """SQL statements per page, counted in process through the test client."""
    code = r"""
import json, re, sys
from sqlalchemy import event
from app import create_app
from app.extensions import db
from bench.data import BENCH_PASSWORD
pages = json.loads(sys.argv[1])
app = create_app()
counts = {}
with app.app_context():
    engine = db.engine
statements = []
event.listen(engine, "before_cursor_execute", lambda *a: statements.append(1))
if True:
    for name, path, user in pages:
        client = app.test_client()
        if user:
            html = client.get("/sign-in").get_data(as_text=True)
            token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', html).group(1)
            client.post("/sign-in", data={"csrf_token": token, "username": user, "password": BENCH_PASSWORD})
        client.get(path)
        statements.clear()
        assert client.get(path).status_code == 200, (name, path)
        counts[name] = len(statements)
print(json.dumps(counts))
"""
    output = subprocess.run(
        [str(VENV_BIN / "python"), "-c", code, json.dumps(KEY_PAGES)],
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "0"},  # count the statements of rendering the page
        capture_output=True,
        text=True,
    )
    if output.returncode != 0:
        raise SystemExit(f"Counting SQL statements failed:\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> int:
    results = {"pages": {}, "queries": {}}
    with tempfile.TemporaryDirectory() as one_x, tempfile.TemporaryDirectory() as ten_x:
        env = prepare_database(Path(one_x), 1)
        env10 = prepare_database(Path(ten_x), 10)
        results["queries"] = {"1x": query_counts(env), "10x": query_counts(env10)}
        hello_env = {**env, "PYTHONPATH": str(ROOT / "bench")}
        rendering_env = {**env, "PAGE_CACHE": "0"}
        with (
            gunicorn("wsgi:app", env) as app_url,
            gunicorn("hello:app", hello_env) as hello_url,
            gunicorn("wsgi:app", rendering_env) as rendering_url,
        ):
            cookies = {}
            for name, path, user in KEY_PAGES:
                # Sign in afresh for each page: a browser stores the cookie the app refreshes
                # each minute, but wrk sends one cookie throughout.
                if user:
                    cookies[user] = sign_in(app_url, user)
                page_runs, hello_runs, rendered_runs = [], [], []
                # Warm up first: every worker compiles the page's templates on its first visit.
                wrk(hello_url + "/", seconds="1")
                for url in (app_url + path, rendering_url + path):
                    wrk(url, cookies.get(user), seconds="1")
                for _ in range(ROUNDS):
                    hello_runs.append(wrk(hello_url + "/"))
                    page_runs.append(wrk(app_url + path, cookies.get(user)))
                    rendered_runs.append(wrk(rendering_url + path, cookies.get(user)))
                page_rps = statistics.median(r["rps"] for r in page_runs)
                hello_rps = statistics.median(r["rps"] for r in hello_runs)
                rendered_rps = statistics.median(r["rps"] for r in rendered_runs)
                results["pages"][name] = {
                    "path": path,
                    "rps": round(page_rps, 1),
                    "hello_rps": round(hello_rps, 1),
                    "ratio": round(page_rps / hello_rps, 3),
                    # The same page rendered on every request (PAGE_CACHE=0), for comparison.
                    "rendered_rps": round(rendered_rps, 1),
                    "rendered_ratio": round(rendered_rps / hello_rps, 3),
                    "p50_ms": statistics.median(r["p50"] for r in page_runs),
                    "p95_ms": statistics.median(r["p95"] for r in page_runs),
                    "errors": sum(r["errors"] + r["non2xx"] for r in page_runs),
                }
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


def print_pages(results: dict) -> None:
    write(results)  # kept even if a later step fails
    print(
        f"{'page':<20}{'req/s':>9}{'hello req/s':>13}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'SQL 1x':>8}{'SQL 10x':>9}{'rendered ratio':>16}"
    )
    for name, row in results["pages"].items():
        print(
            f"{name:<20}{row['rps']:>9.0f}{row['hello_rps']:>13.0f}{row['ratio']:>8.2f}"
            f"{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{results['queries']['1x'][name]:>8}{results['queries']['10x'][name]:>9}"
            f"{row['rendered_ratio']:>16.2f}"
        )
    print(flush=True)


def print_wire(results: dict) -> None:
    write(results)
    print(f"{'page':<20}{'first KB':>10}{'HTML KB':>9}{'static requests on repeat':>27}")
    for name, row in results["wire"].items():
        print(
            f"{name:<20}{row['first']['total_bytes'] / 1024:>10.1f}"
            f"{row['first']['html_bytes'] / 1024:>9.1f}{row['repeat']['static_from_network']:>27}"
        )
    print(flush=True)


def print_lighthouse(results: dict) -> None:
    print(f"{'page':<20}{'Lighthouse performance':>24}{'accessibility':>15}")
    for name, row in results["lighthouse"].items():
        print(f"{name:<20}{row['performance']:>24}{row['accessibility']:>15}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
