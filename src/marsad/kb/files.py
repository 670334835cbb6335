"""Where knowledge-base files live, and reading them.

The shipped files are under ``marsad/data/``; a user's extra folders (``kb_extra`` in the
config file, the ``MARSAD_KB_EXTRA`` environment variable, ``--kb-extra``) are read after
them, in that order, so their entries extend or override the shipped ones.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class KBError(ValueError):
    """A knowledge-base file that cannot be used; the message names the file."""


def extra_dirs() -> list[Path]:
    """Extra folders from the config file's ``kb_extra`` and ``MARSAD_KB_EXTRA`` (in that
    order, so the environment wins over the config file)."""
    from marsad.config import read_config

    configured = read_config().get("kb_extra") or []
    if isinstance(configured, str):
        configured = [configured]
    env = os.environ.get("MARSAD_KB_EXTRA", "")
    return [Path(str(p)).expanduser() for p in [*configured, *env.split(os.pathsep)] if p]


def load_yaml(relpath: str, base: Path = DATA_DIR) -> Any:
    path = base / relpath
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise KBError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where else ""
        raise KBError(f"{path}:{line} invalid YAML ({getattr(exc, 'problem', exc)})") from None


def yaml_records(folder_or_file: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each mapping of a YAML list file, or of every ``*.yaml`` in a folder, with its file."""
    paths = sorted(folder_or_file.glob("*.yaml")) if folder_or_file.is_dir() else [folder_or_file]
    for path in paths:
        if not path.exists():
            continue
        data = load_yaml(path.name, path.parent) or []
        if not isinstance(data, list):
            raise KBError(f"{path}: expected a list of entries")
        for rec in data:
            if not isinstance(rec, dict) or not rec.get("id"):
                raise KBError(f"{path}: entry without an id: {str(rec)[:60]}")
            yield path, rec


def tsv_records(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def split_list(value: Any) -> list[str]:
    """A list field written either as a YAML list or a ``|``-separated TSV cell."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [v for v in str(value).split("|") if v]
