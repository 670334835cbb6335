"""Where the store lives: ``--db``, else ``MARSAD_DB``, else the config file, else the default.

The default is the user's data directory (``~/.local/share/marsad/marsad.duckdb`` on Linux),
so ``marsad run`` then ``marsad export`` work with no option at all; the config file
(``~/.config/marsad/config.toml``, or ``MARSAD_CONFIG``) holds ``db = "/path/file.duckdb"``.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from marsad.config import config_path, read_config

DB_FILE = "marsad.duckdb"
__all__ = ["DB_FILE", "config_path", "default_db_path", "resolve_db_path"]


def _config_db() -> str | None:
    value = read_config().get("db")
    return str(value) if value else None


def resolve_db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The database file to use, by precedence: argument, environment, config, default."""
    for candidate in (db, os.environ.get("MARSAD_DB"), _config_db()):
        if candidate:
            return Path(candidate).expanduser()
    return default_db_path()


def default_db_path() -> Path:
    """The store used when nothing names one: the user data folder's file."""
    return Path(user_data_dir("marsad")) / DB_FILE
