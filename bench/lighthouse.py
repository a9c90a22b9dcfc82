"""Lighthouse (mobile) scores of the key pages, run against Debian's Chromium.
Budgets: performance at least 95, accessibility 100.

Each page is scored several times and the median kept, as Lighthouse's own guidance on
variability advises: one run on a busy machine can count another process's work as the
page's blocking time.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def score(url: str, cookie: str | None = None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile",
            "--only-categories=performance,accessibility", "--output=json",
            f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
        ]  # fmt: skip
        if cookie:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        # Chromium now and then fails to start, or to record a trace (NO_NAVSTART), on a
        # busy machine: a run is tried up to three times.
        for _attempt in range(3):
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
            if done.returncode == 0:
                break
            print(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}", file=sys.stderr)
        else:
            raise RuntimeError(f"Lighthouse failed three times on {url}")
        categories = json.loads(report.read_text())["categories"]
    return {name: round((c["score"] or 0) * 100) for name, c in categories.items()}


def median_score(url: str, cookie: str | None = None) -> dict:
    runs = [score(url, cookie) for _ in range(RUNS)]
    return {name: round(statistics.median(run[name] for run in runs)) for name in runs[0]}


def measure(base_url: str, pages, cookies: dict) -> dict:
    return {name: median_score(base_url + path, cookies.get(user)) for name, path, user in pages}
