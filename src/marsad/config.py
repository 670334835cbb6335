"""The user's configuration file: ``~/.config/marsad/config.toml`` (or ``MARSAD_CONFIG``).

    db = "/data/marsad.duckdb"          # the store (see marsad.store.paths)
    kb_extra = ["/data/my-actors"]      # knowledge-base folders merged over the shipped files

A missing or unreadable file is an empty configuration: settings are conveniences, and
every one of them can also be given on the command line.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir


def config_path() -> Path:
    env = os.environ.get("MARSAD_CONFIG")
    return Path(env) if env else Path(user_config_dir("marsad")) / "config.toml"


def read_config() -> dict[str, Any]:
    path = config_path()
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
