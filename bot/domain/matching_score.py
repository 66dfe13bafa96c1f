"""Vectorised pair scoring: questionnaires become bitmasks so a whole cohort scores in one pass."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from bot.domain.matching_model import (
    FORMAT_MIXED,
    FORMAT_OFFLINE,
    FORMAT_ONLINE,
    MatchingInput,
    MenteeCandidate,
    MentorCandidate,
)

IntArray = npt.NDArray[np.signedinteger[Any]]
BoolArray = npt.NDArray[np.bool_]
MaskArray = npt.NDArray[np.unsignedinteger[Any]]

CRITERIA = (
    "coverage",
    "subject",
    "level",
    "experience",
    "format",
    "mentee_named",
    "mentor_named",
    "mutual",
)
_ALL_FORMATS = frozenset({FORMAT_ONLINE, FORMAT_OFFLINE, FORMAT_MIXED})


def normalise_formats(formats: frozenset[str]) -> frozenset[str]:
    """ "Mixed", both online and offline, or no answer at all: the person fits any format."""
    if not formats or FORMAT_MIXED in formats or {FORMAT_ONLINE, FORMAT_OFFLINE} <= formats:
        return formats | _ALL_FORMATS
    return formats


def _encode(
    left: Sequence[frozenset[str]], right: Sequence[frozenset[str]]
) -> tuple[MaskArray, MaskArray]:
    """Bitmasks over a code index built from the cohort itself: the taxonomy is data, not code.

    The word is the narrowest unsigned type that holds the codes (14 deficits fit in 16 bits), so
    the grid's temporaries stay small; more than 64 codes spill over into further words.
    """
    codes = sorted(set[str]().union(*left, *right))
    index = {code: i for i, code in enumerate(codes)}
    dtype = next(
        (t for t in (np.uint8, np.uint16, np.uint32) if len(codes) <= np.iinfo(t).bits),
        np.uint64,
    )
    bits = np.iinfo(dtype).bits
    words = max(1, math.ceil(len(codes) / bits))

    word_mask = (1 << bits) - 1

    def pack(sets: Sequence[frozenset[str]]) -> MaskArray:
        rows = []
        for items in sets:
            value = sum(1 << index[code] for code in items)
            rows.append([(value >> (w * bits)) & word_mask for w in range(words)])
        return cast(MaskArray, np.array(rows, dtype=dtype).reshape(len(sets), words))

    return pack(left), pack(right)


def _overlap(a: MaskArray, b: MaskArray, mi: IntArray, ei: IntArray) -> IntArray:
    """Number of shared codes for every (mi, ei) pair, word by word to avoid a 3-D temporary."""
    total: IntArray = np.bitwise_count(a[mi, 0] & b[ei, 0]).astype(np.int32)
    for word in range(1, a.shape[1]):
        total += np.bitwise_count(a[mi, word] & b[ei, word])
    return total


def _intersects(a: MaskArray, b: MaskArray, mi: IntArray, ei: IntArray) -> BoolArray:
    """Whether the pair shares at least one code; cheaper than counting when only that matters."""
    out: BoolArray = (a[mi, 0] & b[ei, 0]) != 0
    for word in range(1, a.shape[1]):
        out |= (a[mi, word] & b[ei, word]) != 0
    return out


class _PairLookup:
    """A sparse set of (mentor index, mentee index) pairs with a small value, queried in bulk."""

    def __init__(self, pairs: Iterable[tuple[int, int, int]], n_mentees: int) -> None:
        self._n = max(n_mentees, 1)
        items = sorted((m * self._n + e, value) for m, e, value in pairs)
        self._keys: IntArray = np.array([k for k, _ in items], dtype=np.int64)
        self._values: IntArray = np.array([v for _, v in items], dtype=np.int64)

    def get(self, mi: IntArray, ei: IntArray, *, grid: bool = False) -> IntArray:
        """The value per pair, -1 where absent; ``grid`` means mi, ei are the full index columns.

        On the full grid scattering the few stated pairs into a dense array beats searching
        millions of keys; for a list of pairs a binary search over the sorted keys is enough.
        """
        if grid:
            out = np.full((mi.shape[0], ei.shape[1]), -1, dtype=np.int16)
            out[self._keys // self._n, self._keys % self._n] = self._values
            return out.astype(np.int32)
        key = mi * self._n + ei
        if self._keys.size == 0:
            return np.full(np.shape(key), -1, dtype=np.int32)
        pos = np.minimum(np.searchsorted(self._keys, key), self._keys.size - 1)
        return np.where(self._keys[pos] == key, self._values[pos], -1).astype(np.int32)

    def contains(self, mi: IntArray, ei: IntArray, *, grid: bool = False) -> BoolArray:
        return self.get(mi, ei, grid=grid) >= 0


@dataclass(frozen=True, slots=True)
class Components:
    """Centi-points (hundredths of a point) per criterion for a batch of pairs."""

    centi: dict[str, IntArray]

    @property
    def score(self) -> IntArray:
        total = np.zeros_like(self.centi["coverage"])
        for name in CRITERIA:
            total += self.centi[name]
        return total


class Cohort:
    """The encoded cohort: candidates sorted by id, so index order is also the tie-break order."""

    def __init__(self, data: MatchingInput) -> None:
        self.data = data
        self.mentors: tuple[MentorCandidate, ...] = tuple(sorted(data.mentors, key=lambda m: m.id))
        self.mentees: tuple[MenteeCandidate, ...] = tuple(sorted(data.mentees, key=lambda m: m.id))
        self.mentor_index = {m.id: i for i, m in enumerate(self.mentors)}
        self.mentee_index = {m.id: i for i, m in enumerate(self.mentees)}
        self.n_mentors = len(self.mentors)
        self.n_mentees = len(self.mentees)
        w = data.weights
        self.points = {name: w.points()[name] for name in CRITERIA}
        self.full_gap = w.full_experience_gap
        self.min_centi = math.ceil(round(data.min_score * 100, 6))

        mentors, mentees = self.mentors, self.mentees
        self.strengths, self.deficits = _encode(
            [m.strengths for m in mentors], [m.deficits for m in mentees]
        )
        self.deficit_count = np.array([len(m.deficits) for m in mentees], dtype=np.int32)
        self.m_subjects, self.e_subjects = _encode(
            [m.subjects for m in mentors], [m.subjects for m in mentees]
        )
        self.m_levels, self.e_levels = _encode(
            [m.levels for m in mentors], [m.levels for m in mentees]
        )
        self.m_formats, self.e_formats = _encode(
            [normalise_formats(m.formats) for m in mentors],
            [normalise_formats(m.formats) for m in mentees],
        )
        self.m_exp = np.array([m.experience_years for m in mentors], dtype=np.int32)
        self.e_exp = np.array([m.experience_years for m in mentees], dtype=np.int32)
        self.m_person = np.array([m.person_id for m in mentors], dtype=np.int64)
        self.e_person = np.array([m.person_id for m in mentees], dtype=np.int64)
        self.m_school = np.array([m.school_id for m in mentors], dtype=np.int64)
        self.e_school = np.array([m.school_id for m in mentees], dtype=np.int64)
        self.capacity = np.array([m.capacity for m in mentors], dtype=np.int32)

        # Stated preferences as sparse lookups holding the position in the stated list (0 = first).
        # Names outside the cohort are dropped here, silently, as MatchingInput promises.
        self.mentee_named = _PairLookup(
            (
                (self.mentor_index[mentor], self.mentee_index[mentee], pos)
                for mentee, ranked in data.mentee_preferences.items()
                if mentee in self.mentee_index
                for pos, mentor in enumerate(ranked)
                if mentor in self.mentor_index
            ),
            self.n_mentees,
        )
        self.mentor_named = _PairLookup(
            (
                (self.mentor_index[mentor], self.mentee_index[mentee], pos)
                for mentor, ranked in data.mentor_preferences.items()
                if mentor in self.mentor_index
                for pos, mentee in enumerate(ranked)
                if mentee in self.mentee_index
            ),
            self.n_mentees,
        )
        self.forbidden = _PairLookup(
            (
                (self.mentor_index[mentor], self.mentee_index[mentee], 0)
                for mentor, mentee in data.forbidden
                if mentor in self.mentor_index and mentee in self.mentee_index
            ),
            self.n_mentees,
        )

    def _criteria(
        self, mi: IntArray, ei: IntArray, *, grid: bool
    ) -> Iterator[tuple[str, IntArray | BoolArray, int]]:
        """Each criterion as (name, factor array, centi-points per unit of factor).

        Integer arithmetic with half-up rounding throughout, so that a pair scores exactly the
        same inside the whole grid and alone for its explanation: ties stay ties.
        """
        p = self.points
        covered = _overlap(self.strengths, self.deficits, mi, ei)
        wanted = self.deficit_count[ei]
        # covered <= wanted, and covered == 0 whenever wanted == 0, so the max() only dodges 0/0.
        wanted = np.maximum(wanted, 1)
        yield "coverage", (200 * p["coverage"] * covered + wanted) // (2 * wanted), 1
        yield "subject", _intersects(self.m_subjects, self.e_subjects, mi, ei), 100 * p["subject"]
        yield "level", _intersects(self.m_levels, self.e_levels, mi, ei), 100 * p["level"]
        capped = np.clip(self.m_exp[mi] - self.e_exp[ei], 0, self.full_gap)
        yield (
            "experience",
            (200 * p["experience"] * capped + self.full_gap) // (2 * self.full_gap),
            1,
        )
        yield "format", _intersects(self.m_formats, self.e_formats, mi, ei), 100 * p["format"]
        mentee_named = self.mentee_named.contains(mi, ei, grid=grid)
        mentor_named = self.mentor_named.contains(mi, ei, grid=grid)
        yield "mentee_named", mentee_named, 100 * p["mentee_named"]
        yield "mentor_named", mentor_named, 100 * p["mentor_named"]
        yield "mutual", mentee_named & mentor_named, 100 * p["mutual"]

    def components(self, mi: IntArray, ei: IntArray) -> Components:
        """Centi-points per criterion for a list of pairs (mi[k], ei[k]), for explanations."""
        centi = {
            name: (factor * unit).astype(np.int32)
            for name, factor, unit in self._criteria(mi, ei, grid=False)
        }
        return Components(centi=centi)

    def scores(self, mi: IntArray, ei: IntArray, *, grid: bool = False) -> IntArray:
        """Total centi-points per pair; summed in place, as the grid is millions of pairs."""
        total = np.zeros(np.broadcast_shapes(mi.shape, ei.shape), dtype=np.int32)
        for _, factor, unit in self._criteria(mi, ei, grid=grid):
            if unit == 1:
                total += factor
            elif unit:
                total += factor * np.int32(unit)
        return total

    def admissible(
        self, mi: IntArray, ei: IntArray, *, with_capacity: bool, grid: bool = False
    ) -> BoolArray:
        """Hard constraints that do not depend on the score: person, bad fit, school, capacity.

        Capacity is optional because "compatible but full" and "not compatible" are different news
        for the curator: the first means waiting for a place, the second means widening the search.
        """
        ok = (self.m_person[mi] != self.e_person[ei]) & ~self.forbidden.contains(mi, ei, grid=grid)
        if with_capacity:
            ok &= self.capacity[mi] > 0
        if self.data.same_school_only:
            ok &= self.m_school[mi] == self.e_school[ei]
        return np.asarray(ok, dtype=np.bool_)

    def grid(self) -> tuple[IntArray, BoolArray]:
        """Scores (centi-points, mentors × mentees) and compatibility, capacity aside, of all."""
        mi = np.arange(self.n_mentors, dtype=np.int64)[:, None]
        ei = np.arange(self.n_mentees, dtype=np.int64)[None, :]
        score = self.scores(mi, ei, grid=True)
        compatible = self.admissible(mi, ei, with_capacity=False, grid=True)
        compatible &= score >= self.min_centi
        return score, compatible
