"""The corpus suite: every test here runs against a folder of saved real pages, given as
`--corpus DIR` (`make test-corpus CORPUS=DIR`). `make test` never collects this folder.

DIR is a corpus (holding `pages/<name>/index.html` and `facts.json`) or its `pages/` folder.
Without it the suite stops at once, naming the folder: a missing corpus is never a pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--corpus",
        metavar="DIR",
        help="the folder of saved pages the corpus suite runs against",
    )


def pytest_configure(config: pytest.Config) -> None:
    given = config.getoption("--corpus")
    if not given:
        raise pytest.UsageError(
            "the corpus suite needs its pages: run it as `make test-corpus CORPUS=DIR` "
            "(or pytest tests/corpus --corpus DIR)"
        )
    pages = corpus_pages_dir(Path(given))
    if not pages.is_dir():
        raise pytest.UsageError(f"the corpus folder {Path(given).resolve()} does not exist")
    if not page_names(pages):
        raise pytest.UsageError(f"the corpus folder {pages.resolve()} holds no saved pages")
    config.stash[CORPUS_PAGES] = pages.resolve()


CORPUS_PAGES = pytest.StashKey[Path]()


def corpus_pages_dir(given: Path) -> Path:
    return given / "pages" if (given / "pages").is_dir() else given


def page_names(pages: Path) -> list[str]:
    return sorted(p.name for p in pages.iterdir() if (p / "index.html").is_file())


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test taking `page` runs once per saved page."""
    if "page" in metafunc.fixturenames:
        metafunc.parametrize("page", page_names(metafunc.config.stash[CORPUS_PAGES]))


@pytest.fixture(scope="session")
def corpus(pytestconfig: pytest.Config) -> Path:
    """The folder of saved pages, each at <name>/index.html with its facts.json."""
    return pytestconfig.stash[CORPUS_PAGES]


@pytest.fixture(scope="session")
def corpus_names(corpus: Path) -> list[str]:
    return page_names(corpus)
