"""The NHS.UK component macros render the same HTML whether or not their output is stored."""

import pytest
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, PackageLoader
from markupsafe import Markup

from app import ROOT
from app.component_cache import ComponentCachingEnvironment, ComponentMacro, freeze

CALLS = [
    ("button", "button", {"text": "Book this time"}),
    ("button", "button", {"text": "Cancel", "classes": "nhsuk-button--secondary"}),
    ("input", "input", {"label": {"text": "Name"}, "id": "name", "name": "name", "value": "A"}),
    (
        "input",
        "input",
        {
            "label": {"text": "Name"},
            "id": "name",
            "name": "name",
            "value": "<b>",
            "errorMessage": {"text": "Enter a name"},
        },
    ),
    ("input", "input", {"label": {"html": Markup("<b>Name</b>")}, "id": "n", "name": "n"}),
    ("input", "input", {"label": {"text": "<b>Name</b>"}, "id": "n", "name": "n"}),
    (
        "radios",
        "radios",
        {
            "idPrefix": "answer",
            "name": "answer",
            "items": [
                {"value": "good", "text": "Good", "checked": True},
                {"value": "poor", "text": "Poor", "checked": False},
            ],
        },
    ),
    (
        "radios",
        "radios",
        {
            "idPrefix": "answer",
            "name": "answer",
            "items": [
                {"value": "good", "text": "Good", "checked": False},
                {"value": "poor", "text": "Poor", "checked": True},
            ],
        },
    ),
    (
        "summary-list",
        "summaryList",
        {"rows": [{"key": {"text": "When"}, "value": {"text": "Tuesday 10:00"}}]},
    ),
]


def environment(kind):
    loader = ChoiceLoader(
        [FileSystemLoader(str(ROOT / "templates")), PackageLoader("nhsuk_frontend_jinja")]
    )
    options = {"undefined": ChainableUndefined, "autoescape": True, "loader": loader}
    if kind is ComponentCachingEnvironment:
        from flask import Flask

        return kind(Flask(__name__), **options)
    return kind(**options)


def render(env, component, macro, params):
    source = (
        f'{{% from "nhsuk/components/{component}/macro.jinja" import {macro} %}}'
        f"{{{{ {macro}(params) }}}}|{{{{ {macro}(params) }}}}"
    )
    return env.from_string(source).render(params=params)


@pytest.mark.parametrize(("component", "macro", "params"), CALLS)
def test_stored_output_is_the_same_html(component, macro, params):
    cached = environment(ComponentCachingEnvironment)
    plain = environment(Environment)
    first, again = render(cached, component, macro, params).split("|")
    assert first == again == render(plain, component, macro, params).split("|")[0]


def test_different_arguments_are_never_served_each_others_html():
    env = environment(ComponentCachingEnvironment)
    outputs = {repr(params): render(env, c, m, params) for c, m, params in CALLS}
    assert len(set(outputs.values())) == len(CALLS)
    assert 'value="poor" checked' in render(env, *CALLS[7])
    assert "&lt;b&gt;Name" in render(env, *CALLS[5])
    assert "<b>Name</b>" in render(env, *CALLS[4])


def test_component_macros_are_stored_and_a_call_block_is_not():
    env = environment(ComponentCachingEnvironment)
    render(env, *CALLS[0])
    assert len(env.component_store) == 1
    source = (
        '{% from "nhsuk/components/details/macro.jinja" import details %}'
        '{% call details({"summaryText": "More"}) %}{{ body }}{% endcall %}'
    )
    template = env.from_string(source)
    assert "First" in template.render(body="First")
    assert "Second" in template.render(body="Second")
    assert len(env.component_store) == 1


def test_keys_tell_apart_what_changes_the_output():
    assert freeze({"text": "a"}) != freeze({"text": Markup("a")})
    assert freeze({"checked": True}) != freeze({"checked": 1})
    assert freeze(["a", "b"]) != freeze(["b", "a"])
    assert freeze({"a": 1, "b": 2}) != freeze({"b": 2, "a": 1})


def test_arguments_that_are_not_plain_data_are_rendered_every_time():
    calls = []

    class Macro:
        name = "m"

        def __call__(self, *args, **kwargs):
            calls.append(args)
            return Markup("x")

    macro = ComponentMacro(Macro(), {})
    macro({"value": object()})
    macro({"value": object()})
    macro({"value": "plain"})
    macro({"value": "plain"})
    assert len(calls) == 3
