"""A reading problem reported in place of an article, so one bad input never stops a run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadError:
    """Why an input (a file, or the record ``path:N`` of one) gave no article."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
