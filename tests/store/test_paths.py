"""Where the store lives: --db, then MARSAD_DB, then the config file, then the default."""

from __future__ import annotations

from pathlib import Path

from marsad.store.paths import resolve_db_path


def test_precedence(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('db = "/data/from-config.duckdb"\n', encoding="utf-8")
    monkeypatch.setenv("MARSAD_CONFIG", str(cfg))
    monkeypatch.delenv("MARSAD_DB", raising=False)
    assert resolve_db_path() == Path("/data/from-config.duckdb")
    monkeypatch.setenv("MARSAD_DB", "/data/from-env.duckdb")
    assert resolve_db_path() == Path("/data/from-env.duckdb")
    assert resolve_db_path("/data/arg.duckdb") == Path("/data/arg.duckdb")


def test_default_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CONFIG", str(tmp_path / "missing.toml"))
    monkeypatch.delenv("MARSAD_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    path = resolve_db_path()
    assert path.name == "marsad.duckdb" and "marsad" in path.parent.name
