"""Writing generated files, or checking them: ``--check`` (run by `make test` and `make test-unit`) fails
when a checked-in file differs from what its generator writes now, so a list edited in a script but not
regenerated (or a generated file edited by hand) shows at once."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_or_check(script: str, files: dict[Path, str], argv: list[str] | None = None) -> int:
    """Write ``files`` (path -> text), or with ``--check`` only compare them with the checked-in ones."""
    parser = argparse.ArgumentParser(prog=script)
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a checked-in file differs")
    args = parser.parse_args(argv)
    stale = [path for path, text in files.items() if not path.exists() or path.read_text() != text]
    if args.check:
        for path in stale:
            sys.stderr.write(f"{path.relative_to(ROOT)} differs from what scripts/{script} writes: "
                             f"run `.venv/bin/python scripts/{script}` and commit the result\n")
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
