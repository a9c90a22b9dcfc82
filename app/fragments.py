"""NHS.UK components rendered once per distinct parameters, then kept in a small memo.

An NHS.UK macro call costs far more than the HTML it returns (it imports its helpers and
normalises its parameters on every call), and most components on a page are the same
every time: a button, a card, a back link, a form field as the page first shows it, a tag
in a list row. The memo is a pure function of the parameters (``functools.lru_cache``
over ``flask.get_template_attribute``); it never holds a page.
"""

from functools import lru_cache

from flask import get_template_attribute
from jinja2 import Undefined
from markupsafe import Markup


@lru_cache(maxsize=64)
def tag(text: str, classes: str) -> Markup:
    """A tag, as list rows show many: kept by its two words, not its frozen parameters."""
    return component("tag", {"text": text, "classes": classes})


def skip_link() -> Markup:
    return component("skipLink", {"href": "#maincontent", "text": "Skip to main content"})


# The NHS.UK components the templates memoise, by their macro names.
COMPONENTS = {
    "backLink": ("nhsuk/components/back-link/macro.jinja", "backLink"),
    "button": ("nhsuk/components/button/macro.jinja", "button"),
    "card": ("nhsuk/components/card/macro.jinja", "card"),
    "characterCount": ("nhsuk/components/character-count/macro.jinja", "characterCount"),
    "dateInput": ("nhsuk/components/date-input/macro.jinja", "dateInput"),
    "details": ("nhsuk/components/details/macro.jinja", "details"),
    "input": ("nhsuk/components/input/macro.jinja", "input"),
    "passwordInput": ("nhsuk/components/password-input/macro.jinja", "passwordInput"),
    "radios": ("nhsuk/components/radios/macro.jinja", "radios"),
    "skipLink": ("nhsuk/components/skip-link/macro.jinja", "skipLink"),
    "tag": ("nhsuk/components/tag/macro.jinja", "tag"),
    "textarea": ("nhsuk/components/textarea/macro.jinja", "textarea"),
    "warningCallout": ("nhsuk/components/warning-callout/macro.jinja", "warningCallout"),
}


def component(name: str, params: dict) -> Markup:
    """An NHS.UK component, rendered once per distinct ``params``.

    For components whose parameters are written in the templates or the forms: buttons,
    cards, back links, and form fields as a page first shows them. A field holding what
    someone typed, or an error about it, is rendered by the macro itself so that nobody's
    words are kept in memory.
    """
    return _component(name, _freeze(params))


@lru_cache(maxsize=256)
def _component(name: str, frozen) -> Markup:
    template, macro = COMPONENTS[name]
    return get_template_attribute(template, macro)(_thaw(frozen))


# Parameters as a hashable key that keeps their types: Markup apart from text, True from 1.
# A key set to Jinja's ``undefined`` is left out, which the macros read the same way.
def _freeze(value):
    if isinstance(value, dict):
        items = ((k, v) for k, v in value.items() if not isinstance(v, Undefined))
        return ("dict", tuple(sorted((k, _freeze(v)) for k, v in items)))
    if isinstance(value, list | tuple):
        return ("list", tuple(_freeze(v) for v in value))
    return (type(value).__name__, value)


def _thaw(frozen):
    kind, value = frozen
    if kind == "dict":
        return {k: _thaw(v) for k, v in value}
    if kind == "list":
        return [_thaw(v) for v in value]
    return value
