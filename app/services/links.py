"""Links that must stay on this site: the page after sign-in, a notification's page."""

import re

# Browsers drop tabs and newlines from addresses and read a backslash as "/", so "/\t/evil.test"
# would become "//evil.test", another site: refuse them all, and anything very long.
NOT_IN_PATH = re.compile(r"[\x00-\x20\x7f\\]")


def same_site_path(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None."""
    if (
        not isinstance(target, str)
        or not target.startswith("/")
        or target.startswith("//")
        or len(target) > 500
        or NOT_IN_PATH.search(target)
    ):
        return None
    return target
