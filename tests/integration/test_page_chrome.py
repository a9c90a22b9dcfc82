"""The cached header shows each person her own name, escaped, with her own CSRF token."""

from tests.conftest import csrf_token_from


def test_each_person_sees_her_own_escaped_name_in_the_header(as_role):
    first, _ = as_role("mother", display_name="<b>Ann</b>")
    second, _ = as_role("mother", display_name="Bea")
    page = first.client.get("/me/").get_data(as_text=True)
    assert "&lt;b&gt;Ann&lt;/b&gt;" in page and "<b>Ann</b>" not in page and "Bea" not in page
    other = second.client.get("/me/").get_data(as_text=True)
    assert "Bea" in other and "Ann" not in other
    assert csrf_token_from(page) != csrf_token_from(other)
    assert "\x00" not in page


def test_sign_out_from_the_cached_header_works(as_role):
    web, _ = as_role("peer_worker")
    token = csrf_token_from(web.client.get("/peer/").get_data(as_text=True))
    response = web.client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 302
    assert web.client.get("/peer/").status_code == 302
