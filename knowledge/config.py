"""Where the store lives and where the raw releases are read from."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DATA = Path(__file__).resolve().parent / "data"
VAR_DIR = Path(os.environ.get("CAREERBOT_VAR_DIR", PROJECT_ROOT / "var"))
DEFAULT_SQLITE = VAR_DIR / "careerbot.sqlite"


class ConfigError(RuntimeError):
    """A setting is missing or points nowhere; the message says what to do."""


def db_url(explicit: str | None = None) -> str:
    """--db, else CAREERBOT_DB_URL, else the embedded SQLite file under var/."""
    url = explicit or os.environ.get("CAREERBOT_DB_URL")
    if url:
        return url
    return f"sqlite:///{DEFAULT_SQLITE}"


def data_dir(explicit: str | None = None) -> Path:
    """--data, else CAREERBOT_DATA_DIR, else the download cache filled from the manifest."""
    chosen = explicit or os.environ.get("CAREERBOT_DATA_DIR")
    if chosen:
        path = Path(chosen).expanduser().resolve()
        if not path.is_dir():
            raise ConfigError(f"data folder {path} does not exist (from --data or CAREERBOT_DATA_DIR)")
        return path
    from knowledge.download import fetch_all  # only needed when no folder is given

    return fetch_all(VAR_DIR / "downloads")
