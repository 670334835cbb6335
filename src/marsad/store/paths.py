"""Where the store lives: ``--db``, else ``MARSAD_DB``, else the config file, else the default.

The default is the user's data directory (``~/.local/share/marsad/marsad.duckdb`` on Linux),
so ``marsad run`` then ``marsad export`` work with no option at all; the config file
(``~/.config/marsad/config.toml``, or ``MARSAD_CONFIG``) holds ``db = "/path/file.duckdb"``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

DB_FILE = "marsad.duckdb"


def config_path() -> Path:
    env = os.environ.get("MARSAD_CONFIG")
    return Path(env) if env else Path(user_config_dir("marsad")) / "config.toml"


def _config_db() -> str | None:
    path = config_path()
    if not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            value = tomllib.load(f).get("db")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return str(value) if value else None


def resolve_db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The database file to use, by precedence: argument, environment, config, default."""
    for candidate in (db, os.environ.get("MARSAD_DB"), _config_db()):
        if candidate:
            return Path(candidate).expanduser()
    return Path(user_data_dir("marsad")) / DB_FILE
