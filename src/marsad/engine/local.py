"""The local runner: stream articles through the pipeline in one process.

Memory stays constant in the number of articles: readers are generators and each document
is written out and dropped before the next is read. Output goes to a temporary file that
replaces ``--out`` at the end, so an interrupted run never leaves half a file behind.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from marsad.ingest import ReadError, read_inputs
from marsad.pipeline import Pipeline

_PROGRESS_AFTER = 20  # articles: small jobs finish before a bar is worth drawing


@dataclass
class Stats:
    articles: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0


def _open_out(stack: ExitStack, path: Path) -> tuple[IO[str], Path | None]:
    if str(path) == "-":
        return sys.stdout, None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    return stack.enter_context(tmp.open("w", encoding="utf-8")), tmp


def _dump(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"


def run_extract(inputs: Iterable[str], out: Path, articles_out: Path | None,
                kb_extra: Iterable[Path], console: Console) -> Stats:
    pipeline = Pipeline(kb_extra=kb_extra)
    stats = Stats()
    t0 = time.perf_counter()
    renames: list[tuple[Path, Path]] = []
    with ExitStack() as stack:
        ev_fh, ev_tmp = _open_out(stack, out)
        if ev_tmp:
            renames.append((ev_tmp, out))
        art_fh = None
        if articles_out is not None:
            art_fh, art_tmp = _open_out(stack, articles_out)
            if art_tmp:
                renames.append((art_tmp, articles_out))
        progress = None
        task = None
        try:
            for item in read_inputs(inputs):
                if isinstance(item, ReadError):
                    stats.errors += 1
                    console.print(str(item), markup=False)
                    continue
                try:
                    doc = pipeline(item)
                except Exception as exc:  # one bad article never loses the others
                    stats.errors += 1
                    where = item.source or item.id
                    console.print(f"{where}: extraction failed ({type(exc).__name__}: {exc})",
                                  markup=False)
                    continue
                stats.articles += 1
                for ev in doc.events:
                    ev_fh.write(_dump(ev.to_dict()))
                    stats.events += 1
                if art_fh is not None:
                    art_fh.write(_dump(doc.to_article_record()))
                if progress is None and console.is_terminal and stats.articles >= _PROGRESS_AFTER:
                    progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"),
                                        TextColumn("{task.fields[events]} events"),
                                        TimeElapsedColumn(), console=console, transient=True)
                    progress.start()
                    task = progress.add_task("extract", total=None, events=0)
                if progress is not None and task is not None:
                    progress.update(task, completed=stats.articles, events=stats.events)
        except BaseException:
            for tmp, _ in renames:
                tmp.unlink(missing_ok=True)
            raise
        finally:
            if progress is not None:
                progress.stop()
    for tmp, final in renames:
        os.replace(tmp, final)
    stats.seconds = time.perf_counter() - t0
    return stats
