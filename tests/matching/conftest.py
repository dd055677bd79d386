from pathlib import Path

import pytest
from matching_corpus import make_scenarios, make_vendors

from matching import Lexicon, Matcher

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def tiny_lexicon() -> Lexicon:
    return Lexicon.load(HERE / "tiny_lexicon.json")


@pytest.fixture()
def fitted(tiny_lexicon) -> Matcher:
    return Matcher(lexicon=tiny_lexicon).fit(make_scenarios(), make_vendors())
