"""Faster rendering of the NHS.UK component macros, with the same HTML.

Two costs dominate a page's render time, both inside Jinja rather than in this app:

- Every ``{% from ... import ... %}`` asks whether the importing page has globals the
  imported template lacks, by subtracting two key views (a slow, pure-Python set
  operation). The NHS.UK components import their helpers on every call, so a page pays
  for it dozens of times. ``FastImportTemplate`` answers the same question with one set
  comparison against the template's global names, read once.
- Each component macro (button, input, radios, summary list ...) renders the same HTML
  for the same parameters: it reads nothing but its arguments. So its output is kept per
  distinct set of arguments (``ComponentMacro``), and a page that shows the same button
  or field again gets the stored HTML. Calls with a ``caller`` block, or with arguments
  that are not plain data, are always rendered.

The stored HTML stays in this process's memory only, never on disk or in logs, and the
store is emptied whenever it reaches its size limit.
"""

from flask.templating import Environment
from jinja2 import Template, Undefined
from jinja2.runtime import Macro
from markupsafe import Markup

COMPONENT_TEMPLATE_PREFIX = "nhsuk/components/"
MAX_STORED = 4096


class NotPlainData(Exception):
    pass


def freeze(value):
    """A hashable key for macro arguments that tells apart everything that changes the
    output: Markup from plain text, True from 1, list order, key order."""
    kind = type(value)
    if kind is str:
        return value
    if kind is dict:
        return (dict, tuple((key, freeze(item)) for key, item in value.items()))
    if kind is list or kind is tuple:
        return (kind, tuple(freeze(item) for item in value))
    if kind is Markup or kind is int or kind is bool or kind is float or value is None:
        return (kind, value)
    if isinstance(value, Undefined):
        return (Undefined,)
    raise NotPlainData(kind.__name__)


class ComponentMacro:
    """A component macro whose output is stored per distinct set of arguments."""

    def __init__(self, macro: Macro, store: dict):
        self._macro = macro
        self._store = store
        self.name = macro.name

    def __call__(self, *args, **kwargs):
        if "caller" in kwargs:
            return self._macro(*args, **kwargs)
        try:
            key = (self.name, freeze(args), freeze(kwargs))
        except NotPlainData:
            return self._macro(*args, **kwargs)
        html = self._store.get(key)
        if html is None:
            html = self._macro(*args, **kwargs)
            if len(self._store) >= MAX_STORED:
                self._store.clear()
            self._store[key] = html
        return html

    def __getattr__(self, name):
        return getattr(self._macro, name)


class FastImportTemplate(Template):
    _global_names: frozenset | None = None

    def _get_default_module(self, ctx=None):
        if ctx is not None and not ctx.globals_keys <= (self._global_names or frozenset()):
            self._global_names = frozenset(self.globals)
            if not ctx.globals_keys <= self._global_names:
                return super()._get_default_module(ctx)
        if self._module is None:
            module = self.make_module()
            if self.name and self.name.startswith(COMPONENT_TEMPLATE_PREFIX):
                store = self.environment.component_store
                for name, value in list(vars(module).items()):
                    if isinstance(value, Macro):
                        setattr(module, name, ComponentMacro(value, store))
            self._module = module
        return self._module


class ComponentCachingEnvironment(Environment):
    template_class = FastImportTemplate

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.component_store: dict = {}
