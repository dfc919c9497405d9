"""The hardening scripts' options and the `make harden` target are in docs/hardening.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ["fuzz_extract.py", "fuzz_readers.py", "schemathesis_run.py", "soak.py", "faults.py"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_option_of_the_hardening_scripts_is_documented(script):
    docs = (ROOT / "docs" / "hardening.md").read_text(encoding="utf-8")
    source = (ROOT / "bench" / script).read_text(encoding="utf-8")
    # The fuzzers share fuzz_extract's parser; --load is the soak's internal mode (help=SUPPRESS).
    options = set(re.findall(r'add_argument\(\s*"(--[a-z-]+)"', source)) - {"--load"}
    assert f"bench/{script}" in docs
    assert not [option for option in sorted(options) if option not in docs]


def test_make_harden_is_documented_and_not_part_of_make_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "harden:" in makefile and "bench/" not in test_recipe
    assert "make harden" in (ROOT / "docs" / "hardening.md").read_text(encoding="utf-8")
