"""Wire benchmark: bytes over the wire (compressed) for a first and a repeat visit of each
key page in Debian's Chromium at a phone size, and requests that reach the network on
the repeat visit. Budgets: first visit at most 40 KB in total, its HTML at most 14 KB."""

import shutil
import time

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, PHONE  # the same phone as the tests


class NetworkLog:
    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.session.send("Network.setCacheDisabled", {"cacheDisabled": False})
        self.responses = {}
        self.bytes = {}
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)

    def _response(self, event):
        response = event["response"]
        self.responses[event["requestId"]] = {
            "url": response["url"],
            "type": event.get("type"),
            "network": not (
                response.get("fromServiceWorker")
                or response.get("fromDiskCache")
                or response.get("fromPrefetchCache")
            ),
        }

    def _finished(self, event):
        self.bytes[event["requestId"]] = event.get("encodedDataLength", 0)

    def reset(self):
        self.responses.clear()
        self.bytes.clear()

    def summary(self) -> dict:
        network = [rid for rid, r in self.responses.items() if r["network"]]
        html = [rid for rid, r in self.responses.items() if r["type"] == "Document"]
        return {
            "total_bytes": sum(self.bytes.get(rid, 0) for rid in network),
            "html_bytes": sum(self.bytes.get(rid, 0) for rid in html if rid in network),
            "network_requests": len(network),
            "static_from_network": sum(
                1 for rid in network if "/static/" in self.responses[rid]["url"]
            ),
        }


def measure(base_url: str, pages: list[tuple[str, str, str | None]], cookies: dict) -> dict:
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for name, path, user in pages:
            context = browser.new_context(base_url=base_url, **PHONE)
            if user:
                for pair in cookies[user].split("; "):
                    key, _, value = pair.partition("=")
                    context.add_cookies([{"name": key, "value": value, "url": base_url}])
            page = context.new_page()
            log = NetworkLog(page)
            page.goto(path, wait_until="networkidle")
            first = log.summary()
            time.sleep(0.5)  # let the service worker finish installing
            log.reset()
            page.goto(path, wait_until="networkidle")
            repeat = log.summary()
            results[name] = {"first": first, "repeat": repeat}
            context.close()
        browser.close()
    return results
