import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root() -> Path:
    return ROOT


def manifest() -> list:
    return json.loads((ROOT / "tests/vectors/manifest.json").read_text())["vectors"]
