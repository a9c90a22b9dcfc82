"""Lighthouse (mobile) scores of the key pages, run against Debian's Chromium.
Budgets: performance at least 95, accessibility 100."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
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
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=180)
        categories = json.loads(report.read_text())["categories"]
    return {name: round((c["score"] or 0) * 100) for name, c in categories.items()}


def measure(base_url: str, pages, cookies: dict) -> dict:
    return {name: score(base_url + path, cookies.get(user)) for name, path, user in pages}
