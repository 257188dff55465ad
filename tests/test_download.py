"""Without a data folder the build downloads the releases; offline that fails at once with what to do."""
from __future__ import annotations

import json

import pytest

from knowledge import config, download


def test_offline_download_says_to_set_the_data_dir(tmp_path, monkeypatch):
    manifest = json.loads(download.MANIFEST.read_text())
    for dataset in manifest["datasets"].values():  # a closed port on this machine stands in for "no internet"
        if "url" in dataset:
            dataset["url"] = "http://127.0.0.1:9/release.zip"
        for meta in dataset.get("files", {}).values():
            meta.pop("derived_from", None)
            meta["url"] = "http://127.0.0.1:9/file.csv"
    fake = tmp_path / "manifest.json"
    fake.write_text(json.dumps(manifest))
    monkeypatch.setattr(download, "MANIFEST", fake)
    monkeypatch.delenv("CAREERBOT_DATA_DIR", raising=False)
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    with pytest.raises(config.ConfigError, match="could not download .* set CAREERBOT_DATA_DIR"):
        config.data_dir(None)
    assert not list(tmp_path.rglob("*.part"))  # no half-downloaded file left behind


def test_data_dir_that_does_not_exist(tmp_path):
    with pytest.raises(config.ConfigError, match="does not exist"):
        config.data_dir(str(tmp_path / "nowhere"))


def _fake_fetch(url, target, timeout=30):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"<html>not the release</html>")


def test_a_download_that_is_not_the_archive(tmp_path, monkeypatch):
    monkeypatch.setattr(download, "_fetch", _fake_fetch)
    with pytest.raises(config.ConfigError, match="is not the expected archive"):
        download.fetch_all(tmp_path)
    assert not (tmp_path / "onet.zip").exists()


def test_derived_files_cannot_be_downloaded(tmp_path, monkeypatch):
    monkeypatch.setattr(download, "_fetch", _fake_fetch)
    onet = download.manifest()["datasets"]["onet"]
    for file in onet["files"]:  # O*NET already in the cache: the next dataset has derived files
        (tmp_path / onet["folder"]).mkdir(parents=True, exist_ok=True)
        (tmp_path / onet["folder"] / file).write_text("x")
    with pytest.raises(config.ConfigError, match="derived from .* set CAREERBOT_DATA_DIR"):
        download.fetch_all(tmp_path)
