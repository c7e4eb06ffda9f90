"""The README stays a short page for users, and every link between the project's documents leads somewhere."""

import re
from pathlib import Path

import pytest

from helpers.record.paths import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
DOCUMENTS = [README, *sorted((PROJECT_ROOT / "docs").glob("*.md")), PROJECT_ROOT / "data" / "README.md"]
# A markdown link's target: [text](target) or [text](target "title"); images too.
LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def relative_links(path: Path) -> list[str]:
    """Every link target in `path` that names a file in the project (no scheme, no bare anchor), without its anchor."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    targets = [target.split("#", 1)[0] for target in LINK.findall(text)]
    return [target for target in targets if target and not re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)]


def test_the_readme_is_at_most_10_kib():
    assert README.stat().st_size <= 10 * 1024


def test_the_docs_folder_holds_documents():
    assert len(DOCUMENTS) > 2


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_every_relative_link_leads_to_a_file(path):
    missing = [target for target in relative_links(path) if not (path.parent / target).exists()]
    assert missing == []


def test_the_readme_links_every_document():
    linked = {(README.parent / target).resolve() for target in relative_links(README)}
    assert {path.resolve() for path in DOCUMENTS if path != README} <= linked


def test_the_two_commands_are_on_the_first_screen():
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:40])
    assert "make reports" in first_screen
    assert "make test" in first_screen
