"""The component memo gives the same HTML as the NHS.UK macro, and keeps types apart."""

import pytest
from flask import get_template_attribute
from markupsafe import Markup

from app import fragments
from tests.conftest import csrf_token_from


@pytest.fixture
def context(app):
    with app.test_request_context():
        yield


def macro(path, name):
    return get_template_attribute(f"nhsuk/components/{path}/macro.jinja", name)


def test_a_memoised_component_is_the_macros_html(context):
    params = {"text": "Save", "classes": "nhsuk-button--secondary", "href": "/me/"}
    assert fragments.component("button", params) == macro("button", "button")(params)


def test_markup_is_not_the_same_parameter_as_the_same_text(context):
    words = "<b>Before</b> you go"
    assert "<b>Before</b>" in fragments.component("button", {"text": Markup(words)})  # noqa: S704 (a constant)
    assert "<b>" not in fragments.component("button", {"text": words})


def test_true_and_one_are_different_parameters(context):
    checked = [{"value": "a", "text": "A", "checked": True}]
    one = [{"value": "a", "text": "A", "checked": 1}]
    radios = {"idPrefix": "r", "name": "r", "items": checked}
    assert "checked" in fragments.component("radios", radios)
    assert fragments._freeze(radios) != fragments._freeze({**radios, "items": one})


def test_what_someone_typed_is_rendered_afresh_not_kept(app, client):
    fragments._component.cache_clear()
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    kept = fragments._component.cache_info().currsize
    typed = {"csrf_token": token, "username": "someone-typed-this", "password": "x"}
    assert "someone-typed-this" in client.post("/sign-in", data=typed).get_data(as_text=True)
    assert fragments._component.cache_info().currsize == kept
