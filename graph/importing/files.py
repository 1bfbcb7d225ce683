"""A file to import: its name, checksum and date, and the source record that cites it."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from graph.exceptions import ImportFileError
from graph.model import Source

__all__ = ["ImportedFile", "Publication"]


@dataclass(frozen=True)
class Publication:
    """Who publishes a dataset, under what licence, and the page a user downloads it from."""

    key: str
    """Short name that starts the ids of the sources it gives (``ho-prc``)."""
    title: str
    publisher: str
    url: str
    licence: str


@dataclass(frozen=True)
class ImportedFile:
    """A file read for an import, named by its path, identified by its SHA-256."""

    path: Path
    sha256: str
    modified_on: dt.date
    published_on: dt.date | None = None
    """The day the user says the publisher released it, if they said."""

    @classmethod
    def open(cls, path: Path, *, published_on: dt.date | None = None) -> ImportedFile:
        """Check that ``path`` is a readable file and compute its checksum.

        Raises
        ------
        ImportFileError
            It does not exist or is not a file.
        """
        if not path.is_file():
            raise ImportFileError(f"{path}: no such file")
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        modified = dt.date.fromtimestamp(path.stat().st_mtime)
        return cls(path=path, sha256=digest, modified_on=modified, published_on=published_on)

    def source(self, publication: Publication, *, dated: dt.date | None = None) -> Source:
        """The source record that what this file gives cites: one per file's content.

        Its day is the one the user gave, else ``dated`` (the file's own metadata),
        else the day the file was last modified.
        """
        day = self.published_on or dated or self.modified_on
        return Source(
            id=f"{publication.key}-{self.sha256[:12]}",
            title=f"{publication.title} ({self.path.name})",
            publisher=publication.publisher,
            year=day.year,
            url=publication.url,
            licence=publication.licence,
            file_name=self.path.name,
            published_on=day,
            sha256=self.sha256,
        )
