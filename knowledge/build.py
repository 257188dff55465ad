"""``careerbot build``: load every release into a new store and swap it in only when complete."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from sqlalchemy.engine import Connection, Engine

from knowledge import models as m
from knowledge.db import new_store
from knowledge.download import file_sha256, manifest
from knowledge.loaders import Loaded, apprenticeship, bls_nces, oews, onet, say, seeds
from knowledge.textfile import DataFileError


def _onet_releases() -> dict[str, str]:
    files = manifest()["datasets"]["onet"]["files"]
    return {name: meta["release"] for name, meta in files.items()}


def steps(data: Path, show: bool) -> list[tuple[str, Callable[[Connection], list[Loaded]]]]:
    onet_folder = data / manifest()["datasets"]["onet"]["folder"]
    return [
        ("O*NET", lambda c: onet.load(c, onet_folder, _onet_releases(), show)),
        ("OEWS wages", lambda c: oews.load(c, show=show)),
        ("Employment projections", lambda c: bls_nces.load_projections(c, data)),
        ("CIP programs and crosswalk", lambda c: bls_nces.load_cip(c, data)),
        ("Institutions and programs", lambda c: bls_nces.load_institutions(c, data, show)),
        ("Apprenticeship occupations", lambda c: apprenticeship.load(c, data)),
        ("Seed frameworks, apprenticeship schedule, class series", lambda c: seeds.load(c)),
    ]


def build(url: str, data: Path, show: bool = True) -> list[Loaded]:
    """Build the store at ``url`` from the releases in ``data``; returns what was loaded.

    Raises DataFileError (naming file, line and expectation) on bad input; the live store is untouched then.
    """
    from knowledge.scoring.matrices import store_matrices  # scoring imports numpy; keep build's import cheap

    loaded: list[Loaded] = []
    started = time.perf_counter()
    _note_unlisted_releases(data)
    with new_store(url) as engine:
        todo = steps(data, show)
        for number, (label, step) in enumerate(todo, 1):
            if show:
                say(f"[{number}/{len(todo) + 1}] {label}")
            with engine.begin() as conn:
                loaded += step(conn)
        if show:
            say(f"[{len(todo) + 1}/{len(todo) + 1}] All-pairs transferability scores")
        with engine.begin() as conn:
            loaded += store_matrices(conn)
            _write_sources(conn, loaded)
        _check_complete(engine, loaded)
    say(f"Built in {time.perf_counter() - started:.1f} s: {sum(x.rows for x in loaded):,} rows in {len(loaded)} tables")
    return loaded


def _note_unlisted_releases(data: Path) -> None:
    """Say which files differ from the releases the manifest lists (a newer release is fine, but say so)."""
    for dataset in manifest()["datasets"].values():
        for name, meta in dataset.get("files", {}).items():
            path = data / dataset["folder"] / name
            if path.is_file() and file_sha256(path) != meta["sha256"]:
                say(f"  note: {dataset['folder']}/{name} is not the release the manifest lists (sha256 differs); loading it as it is")


def _write_sources(conn: Connection, loaded: list[Loaded]) -> None:
    conn.execute(m.Source.__table__.insert(), [
        {"table_name": x.table, "dataset": x.dataset, "release": x.release, "files": ", ".join(x.files),
         "rows": x.rows, "citation": x.citation, "note": x.note} for x in loaded
    ])


def _check_complete(engine: Engine, loaded: list[Loaded]) -> None:
    """Refuse to swap in a store that lacks what every answer needs."""
    counts = {x.table: x.rows for x in loaded}
    for table in ("occupation", "rating:abilities", "rating:skills", "rating:knowledge"):
        if not counts.get(table):
            raise DataFileError(table, None, "the build produced no rows for this required table")
