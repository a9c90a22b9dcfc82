"""Services decide and flush; the views (and jobs) that call them commit and build URLs."""

import ast
from pathlib import Path

import pytest

import app.services

SERVICES = sorted(Path(app.services.__file__).parent.glob("*.py"))


def names_used(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.alias):
            found.add(node.name)
    return found


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_a_service_builds_no_url(path):
    assert "url_for" not in names_used(path)


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_a_service_never_commits_or_rolls_back(path):
    assert not {"commit", "rollback"} & names_used(path)
