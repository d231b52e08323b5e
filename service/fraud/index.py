"""An in-process Hamming index over the stored perceptual hashes: a linear scan with numpy (XOR + popcount)
over every stored hash, which takes well under a millisecond per 100 000 hashes and finds every match within
any radius (a band index in SQL finds only small radii unless it returns many candidates).

Each process keeps one index per database and reads the rows added since its last look, by increasing id,
and again the ids just below the highest it has seen that it has not (concurrent transactions can commit
out of order). Rows deleted by a purge
linger here until the process restarts, so every hit is confirmed against the database before it is used.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy.orm import Session

from service.fraud import repository as repo

OVERLAP = 500  # how far below the highest id seen a missing id is looked for again


@dataclass
class HashIndex:
    ids: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    card: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    photo: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    text: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    seen: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def max_id(self) -> int:
        return int(self.ids[-1]) if len(self.ids) else 0

    def sync(self, session: Session) -> int:
        """Read the rows added since the last sync; returns how many were new."""
        with self.lock:
            top = self.max_id
            # ids below the highest seen that are still missing: rolled back, or committed after a higher one
            gaps = [i for i in range(max(1, top - OVERLAP), top) if i not in self.seen]
            rows = repo.hashes_after(session, top, gaps)
            new = [r for r in rows if r[0] not in self.seen]
            if not new:
                return 0
            arr = np.array([[r[0], r[1], r[2] or 0, r[3] or 0] for r in new], dtype=np.int64)
            ids = np.concatenate([self.ids, arr[:, 0]])
            order = np.argsort(ids, kind="stable")
            self.ids = ids[order]
            self.card = np.concatenate([self.card, arr[:, 1]])[order]
            self.photo = np.concatenate([self.photo, arr[:, 2]])[order]
            self.text = np.concatenate([self.text, arr[:, 3]])[order]
            self.seen.update(int(i) for i in arr[:, 0])
            return len(new)

    def add(self, row_id: int, card: int, photo: int, text: int) -> None:
        """A row this process just wrote (the next sync would find it too; this saves the wait)."""
        with self.lock:
            if row_id in self.seen:
                return
            pos = int(np.searchsorted(self.ids, row_id))
            self.ids = np.insert(self.ids, pos, row_id)
            self.card = np.insert(self.card, pos, card)
            self.photo = np.insert(self.photo, pos, photo)
            self.text = np.insert(self.text, pos, text)
            self.seen.add(row_id)

    def distances(self, card: int, photo: int, text: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(ids, card, photo and text Hamming distances) to every stored hash."""
        with self.lock:
            ids, c, p, t = self.ids, self.card, self.photo, self.text
        return (ids, _popcount(c ^ np.int64(card)), _popcount(p ^ np.int64(photo)), _popcount(t ^ np.int64(text)))


def _popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values.view(np.uint64)).astype(np.int16)


_indexes: dict[str, HashIndex] = {}
_guard = threading.Lock()


def index_for(url: str) -> HashIndex:
    """The process's index of one database (by URL)."""
    with _guard:
        if url not in _indexes:
            _indexes[url] = HashIndex()
        return _indexes[url]


def reset(url: str | None = None) -> None:
    """Forget the index of one database (or all): tests that reuse a URL start from scratch."""
    with _guard:
        if url is None:
            _indexes.clear()
        else:
            _indexes.pop(url, None)
