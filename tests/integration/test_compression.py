"""Pages and assets go over the wire compressed, for phones on a weak signal."""

import brotli


def test_pages_are_compressed_when_the_browser_accepts_it(client, unit):
    response = client.get(f"/units/{unit.slug}", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    html = brotli.decompress(response.get_data()).decode()
    assert unit.name in html
    assert "Accept-Encoding" in response.headers["Vary"]


def test_stylesheet_is_compressed(client):
    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] == "br"
    body = brotli.decompress(response.get_data())
    assert b".nhsuk-header" in body
    assert len(response.get_data()) < len(body) / 5
    response.close()


def test_no_compression_when_not_accepted(client, unit):
    response = client.get(f"/units/{unit.slug}")
    assert "Content-Encoding" not in response.headers
