"""JSON nested too deeply to parse is refused like any unreadable JSON: a 400, never a 500."""

import pytest

JSON_ENDPOINTS = [
    "/push/subscriptions",
    "/push/subscriptions/replace",
    "/push/subscriptions/remove",
    "/feedback/ballot/open",
    "/feedback/ballot",
    "/feedback/answers",
]


@pytest.mark.parametrize("url", JSON_ENDPOINTS)
@pytest.mark.parametrize("body", ["[" * 30_000, '{"a":' * 12_000])
def test_deeply_nested_json_is_a_400(as_role, url, body):
    web, _ = as_role("mother")
    response = web.client.post(
        url,
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": web.token("/feedback/give"), "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 400
    assert "error" in response.get_json()
