"""Every compiled regular expression in newsfacts, timed on hostile input of two sizes: a pattern whose time
grows more than linearly (quadratic backtracking, a scan restarted at every position) is reported.

    python bench/regex_scaling.py [--size 4000] [--factor 4] [--only MODULE]

For each pattern and each hostile shape (long runs of letters, digits, dots, dashes, unclosed tags...), the
pattern is run with `finditer` over the shape at `size` and `size * factor` characters; a linear pattern takes
about `factor` times longer, a quadratic one `factor**2`. A ratio over `2 * factor` (with at least 20 ms at
the larger size, so noise on fast patterns is not reported) is printed as SLOW and the script exits 1.
This is a bench script: it prints figures; the tests check the patterns' structure instead (no timing).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time

import newsfacts

# Shapes that make a backtracking engine retry: one character class repeated, or a near-miss repeated.
SHAPES: dict[str, str] = {
    "letters": "a",
    "capitals": "A",
    "digits": "9",
    "dots": ".",
    "dash-word": "a-",
    "dot-word": "a.",
    "spaces": " ",
    "space-word": "a ",
    "comma-digits": "1,",
    "unclosed-a": "<a href=x>",
    "lt": "<",
    "quotes": "'\"",
    "at-word": "a@",
    "newline-word": "a\n",
    "digit-space": "9 ",
}


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(module.NAME, pattern) for every module-level compiled str pattern in the package."""
    found = []
    for info in pkgutil.walk_packages(newsfacts.__path__, "newsfacts."):
        if ".web" in info.name or ".batch" in info.name:
            continue  # optional extras; their patterns are listed through the modules they import
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001  (an optional extra that is not installed)
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{name}", value))
    seen: set[int] = set()
    return [(n, p) for n, p in found if not (id(p) in seen or seen.add(id(p)))]  # type: ignore[func-returns-value]


def anchored_uses() -> dict[str, str]:
    """The patterns the linearity test allows because they only run anchored or on short slices (timing them
    with `finditer` over a long text measures a use the code never makes); shown, not counted."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "tests" / "hardening" / "test_linear_patterns.py"
    spec = importlib.util.spec_from_file_location("test_linear_patterns", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return dict(module.ALLOWED)


def run_time(pattern: re.Pattern[str], text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--only", default=None, help="only patterns of modules whose name contains this")
    args = parser.parse_args()
    slow = 0
    tried = 0
    allowed = anchored_uses()
    for name, pattern in patterns():
        if args.only and args.only not in name:
            continue
        for shape, unit in SHAPES.items():
            small = (unit * (args.size // len(unit) + 1))[: args.size]
            large = (unit * (args.size * args.factor // len(unit) + 1))[: args.size * args.factor]
            tried += 1
            t_small, t_large = run_time(pattern, small), run_time(pattern, large)
            ratio = t_large / max(t_small, 1e-6)
            if t_large > 0.02 and ratio > 2 * args.factor:
                line = f"{name} on {shape}: {t_small * 1000:.1f} ms -> {t_large * 1000:.1f} ms (x{ratio:.0f})"
                if name in allowed:
                    print(f"anchored use, not counted ({allowed[name]}): {line}")
                    continue
                slow += 1
                print(f"SLOW {line}")
    print(f"{tried} pattern/shape pairs, {slow} super-linear (size {args.size} and {args.size * args.factor})")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
