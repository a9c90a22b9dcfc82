"""The installable app, through the test client: manifest, icons, service worker."""

import re
import struct
from pathlib import Path
from urllib.parse import unquote

import pytest

from app.pwa.routes import PRECACHED_STATIC

STATIC = Path(__file__).resolve().parents[2] / "static"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(
    ("role", "start"), [("mother", "/me/"), ("peer_worker", "/peer/"), ("staff", "/staff/")]
)
def test_each_role_installs_an_app_that_opens_on_her_home(as_role, role, start):
    web, _ = as_role(role)
    page = web.client.get(start).get_data(as_text=True)
    href = f"/manifest.webmanifest?start={role}"
    assert f'<link rel="manifest" href="{href}">' in page
    manifest = web.client.get(href)
    assert manifest.mimetype == "application/manifest+json"
    assert manifest.get_json()["start_url"] == start


def test_manifest_is_complete(client):
    manifest = client.get("/manifest.webmanifest").get_json()
    assert manifest["start_url"] == "/" and manifest["scope"] == "/" and manifest["id"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#005eb8"
    assert manifest["name"] and len(manifest["short_name"]) <= 12
    icons = {(i["sizes"], i["purpose"]): i for i in manifest["icons"]}
    for size in (192, 512):
        for purpose in ("any", "maskable"):
            icon = icons[(f"{size}x{size}", purpose)]
            response = client.get(icon["src"])
            assert response.status_code == 200
            response.close()
            assert png_size(STATIC / icon["src"].removeprefix("/static/")) == (size, size)


def test_sign_in_page_has_ios_tags(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png"' in page
    assert '<meta name="apple-mobile-web-app-capable" content="yes">' in page
    assert '<meta name="theme-color" content="#005eb8">' in page
    assert png_size(STATIC / "icons" / "apple-touch-icon.png") == (180, 180)
    assert '<script src="/static/js/app.js" defer></script>' in page


@pytest.mark.parametrize(
    ("role", "path"),
    [(None, "/sign-in"), ("mother", "/me/"), ("peer_worker", "/peer/"), ("staff", "/staff/")],
)
def test_every_page_loads_one_script_of_its_own(as_role, client, role, path):
    # Each script file is a request on a first visit: the installable app and the idle
    # warning are parts of app.js, not files of their own.
    page = (as_role(role)[0].client if role else client).get(path).get_data(as_text=True)
    assert re.findall(r"<script [^>]*src=[^>]*>", page) == [
        '<script src="/static/js/app.js" defer>'
    ]


def test_the_favicon_is_in_the_page(client):
    page = client.get("/sign-in").get_data(as_text=True)
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)[1]
    assert href.startswith("data:image/svg+xml,")
    assert unquote(href.removeprefix("data:image/svg+xml,")) == (
        (STATIC / "icons" / "icon.svg").read_text().strip()
    )


def test_service_worker_is_served_for_the_whole_site_and_never_stale(client):
    response = client.get("/sw.js")
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.mimetype == "text/javascript"
    script = response.get_data(as_text=True)
    for name in PRECACHED_STATIC:
        assert f'"/static/{name}"' in script
        assert (STATIC / name).exists()
    assert '"/offline"' in script


def test_a_new_asset_makes_a_new_service_worker_version(app, client, monkeypatch):
    from app.pwa import routes

    first = client.get("/sw.js").get_data(as_text=True)
    monkeypatch.setattr(
        routes, "PRECACHED_STATIC", (*routes.PRECACHED_STATIC, "icons/icon-512.png")
    )
    second = client.get("/sw.js").get_data(as_text=True)
    version = [line for line in first.splitlines() if line.startswith("var VERSION")]
    assert version and version[0] not in second


def test_the_offline_page_never_names_whoever_was_signed_in(as_role):
    web, user = as_role("mother", display_name="Zelda")
    page = web.client.get("/offline").get_data(as_text=True)
    assert "You are offline" in page
    assert "Zelda" not in page and "Sign out" not in page


def test_install_help_covers_iphone_and_android(client):
    page = client.get("/install").get_data(as_text=True)
    assert "On an iPhone" in page and "Add to Home Screen" in page
    assert "On an Android phone" in page and "Install app" in page


def test_every_script_a_page_loads_is_kept_for_offline_use(client):
    page = client.get("/sign-in").get_data(as_text=True)
    scripts = re.findall(r'<script src="/static/([^"]+)"', page)
    assert "js/app.js" in scripts
    loaded_by_app_js = {"js/nhsuk-password-input.js", "js/nhsuk-character-count.js"}
    assert {*scripts, *loaded_by_app_js} <= set(PRECACHED_STATIC)


def test_her_plan_kept_for_offline_use_can_still_be_printed(as_role):
    web, _ = as_role("mother")
    page = web.client.get("/me/plan").get_data(as_text=True)
    scripts = re.findall(r'<script src="/static/([^"]+)"', page)
    assert "js/print.js" in scripts
    assert set(scripts) <= set(PRECACHED_STATIC)
