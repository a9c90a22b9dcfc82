"""Small NHS.UK components that repeat on a page, rendered once per distinct arguments.

An NHS.UK macro call costs far more than the HTML it returns (it imports its helpers and
normalises its parameters on every call), and a tag in a list row is the same few words
each time. Each function here is pure: its HTML depends only on its arguments, which are
fixed strings in the templates, so the memo stays small.
"""

from functools import lru_cache

from flask import get_template_attribute
from markupsafe import Markup


@lru_cache(maxsize=64)
def tag(text: str, classes: str) -> Markup:
    macro = get_template_attribute("nhsuk/components/tag/macro.jinja", "tag")
    return macro({"text": text, "classes": classes})  # Markup: the templates autoescape


@lru_cache(maxsize=1)
def skip_link() -> Markup:
    macro = get_template_attribute("nhsuk/components/skip-link/macro.jinja", "skipLink")
    return macro({"href": "#maincontent", "text": "Skip to main content"})
