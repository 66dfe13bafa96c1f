"""The region that `region_bench.py` measures, written straight into the database: 1,000 schools
in municipalities of 50, their people with role grants, pairs with programs (24 active, 4
completed, 2 ended early per school), meetings over the last ten months and survey answers, in
batched Core `insert()` statements: `await Generator(schools).run(engine)`.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.mentorship import (
    MeetingFormat,
    MeetingStage,
    MeetingStatus,
    MentoringForm,
    MentoringKind,
    MentorshipStatus,
)
from bot.domain.roles import Role
from bot.domain.schools import SchoolKind
from bot.domain.surveys import OVERALL_QUESTION, RATING_QUESTION, SurveyKind, SurveyStatus
from db.schema import Base

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
TODAY = NOW.date()
MUNICIPALITY_SCHOOLS = 50
PEOPLE_PER_SCHOOL = 60
PAIRS_PER_SCHOOL = 30
MEETINGS_PER_PAIR = 20
BATCH = 20_000


class Generator:
    """Rows with ids chosen here, so that every table is one batched insert after another."""

    def __init__(self, schools: int, seed: int = 2026) -> None:
        self.schools = schools
        self.rnd = random.Random(seed)
        self.tables = Base.metadata.tables
        self.counts: dict[str, int] = {}

    async def _insert(self, engine: AsyncEngine, table: str, rows: list[dict[str, Any]]) -> None:
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        async with engine.begin() as conn:
            for start in range(0, len(rows), BATCH):
                await conn.execute(insert(self.tables[table]), rows[start : start + BATCH])

    async def run(self, engine: AsyncEngine) -> None:
        rnd = self.rnd
        municipalities = max(1, self.schools // MUNICIPALITY_SCHOOLS)
        await self._insert(
            engine,
            "municipality",
            [
                {
                    "id": m + 1,
                    "name": f"Муниципальный округ {m + 1}",
                    "timezone": "Europe/Moscow",
                    "created_at": NOW,
                }
                for m in range(municipalities)
            ],
        )
        await self._insert(
            engine,
            "school",
            [
                {
                    "id": s + 1,
                    "municipality_id": s % municipalities + 1,
                    "name": f"Муниципальное бюджетное общеобразовательное учреждение № {s + 1}",
                    "short_name": f"МБОУ «СОШ № {s + 1}»",
                    "kind": SchoolKind.SCHOOL,
                    "regulation_order_date": date(2025, 8, 29),
                    "regulation_order_number": f"{s + 1}-од",
                    "created_at": NOW,
                }
                for s in range(self.schools)
            ],
        )
        await self._insert(
            engine,
            "survey_definition",
            [
                {
                    "id": 1,
                    "key": "0:meeting:1",
                    "code": "meeting",
                    "version": 1,
                    "kind": SurveyKind.MEETING,
                    "named": False,
                    "audience": ["mentee"],
                    "source": "",
                    "created_at": NOW,
                },
                {
                    "id": 2,
                    "key": "0:final:1",
                    "code": "final",
                    "version": 1,
                    "kind": SurveyKind.FINAL,
                    "named": True,
                    "audience": ["mentor", "mentee"],
                    "source": "",
                    "created_at": NOW,
                },
            ],
        )
        people: list[dict[str, Any]] = []
        grants: list[dict[str, Any]] = []
        pairs: list[dict[str, Any]] = []
        accounts: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        programs: list[dict[str, Any]] = []
        meetings: list[dict[str, Any]] = []
        requests: list[dict[str, Any]] = []
        answers: list[dict[str, Any]] = []
        stages = list(MeetingStage)
        for s in range(self.schools):
            school_id, municipality_id = s + 1, s % municipalities + 1
            base = s * PEOPLE_PER_SCHOOL
            # person base+1: curator; +2..+30: 29 mentors; +31..+60: 30 mentees.
            for p in range(1, PEOPLE_PER_SCHOOL + 1):
                role = Role.CURATOR if p == 1 else Role.MENTOR if p <= 30 else Role.MENTEE
                people.append(
                    {
                        "id": base + p,
                        "last_messenger": "telegram",
                        "full_name": f"Фамилия{base + p} Имя Отчество",
                        "position": "Учитель",
                        "locale": "ru",
                        "blocked_bot": rnd.random() < 0.01,
                        "created_at": NOW,
                    }
                )
                accounts.append(
                    {
                        "person_id": base + p,
                        "messenger": "telegram",
                        "external_user_id": 10_000_000 + base + p,
                        "chat_id": 10_000_000 + base + p,
                        "created_at": NOW,
                    }
                )
                grants.append(
                    {
                        "person_id": base + p,
                        "role": role,
                        "municipality_id": municipality_id,
                        "school_id": school_id,
                        "granted_at": NOW,
                    }
                )
            for k in range(PAIRS_PER_SCHOOL):
                pair_id = s * PAIRS_PER_SCHOOL + k + 1
                mentor = base + 2 + k % 29
                mentee = base + 31 + k
                start = TODAY - timedelta(days=rnd.randint(40, 300))
                state = (
                    MentorshipStatus.ACTIVE
                    if k < 24
                    else MentorshipStatus.COMPLETED
                    if k < 28
                    else MentorshipStatus.ENDED_EARLY
                )
                ended = None if state is MentorshipStatus.ACTIVE else NOW - timedelta(days=k)
                pairs.append(
                    {
                        "id": pair_id,
                        "school_id": school_id,
                        "mentor_id": mentor,
                        "form": MentoringForm.TEACHER_TEACHER,
                        "kind": MentoringKind.TRADITIONAL,
                        "status": state,
                        "school_year": 2026 if start.month >= 9 and start.year == 2026 else 2025,
                        "start_date": start,
                        "end_date": start + timedelta(days=270),
                        "ended_at": ended,
                        "created_at": NOW,
                    }
                )
                links.append(
                    {
                        "mentorship_id": pair_id,
                        "mentee_id": mentee,
                        "joined_on": start,
                        "left_at": ended,
                    }
                )
                programs.append(
                    {
                        "id": pair_id,
                        "mentorship_id": pair_id,
                        "goals": [],
                        "mode": MeetingFormat.MIXED,
                        "cadence_days": 14,
                        "start_date": start,
                        "end_date": start + timedelta(days=270),
                        "updated_at": NOW,
                    }
                )
                span = max(1, (TODAY - start).days)
                for n in range(MEETINGS_PER_PAIR):
                    roll = rnd.random()
                    meetings.append(
                        {
                            "mentorship_id": pair_id,
                            "logged_by_id": mentor,
                            "stage": stages[min(n, len(stages) - 1)],
                            "held_on": start + timedelta(days=rnd.randint(0, span)),
                            "duration_min": 45,
                            "format": MeetingFormat.OFFLINE,
                            "status": MeetingStatus.CONFIRMED
                            if roll < 0.85
                            else MeetingStatus.PENDING
                            if roll < 0.95
                            else MeetingStatus.NOT_HELD,
                            "created_at": NOW,
                        }
                    )
                # 10 survey requests a pair, one answer each: 8 meeting ratings, 2 final surveys.
                for n in range(10):
                    request_id = len(requests) + 1
                    final = n >= 8
                    role_name = "mentor" if n == 8 else "mentee"
                    requests.append(
                        {
                            "id": request_id,
                            "definition_id": 2 if final else 1,
                            "kind": SurveyKind.FINAL if final else SurveyKind.MEETING,
                            "person_id": mentor if role_name == "mentor" else mentee,
                            "role": role_name,
                            "mentorship_id": pair_id,
                            "school_id": school_id,
                            "school_year": 2026,
                            "due_at": NOW,
                            "created_at": NOW,
                            "answered_at": NOW,
                            "status": SurveyStatus.ANSWERED,
                            "dedupe_key": f"bench:{request_id}",
                        }
                    )
                    answers.append(
                        {
                            "request_id": request_id,
                            "question_id": OVERALL_QUESTION if final else RATING_QUESTION,
                            "value_int": rnd.randint(6, 10) if final else rnd.randint(3, 5),
                            "answered_at": NOW,
                        }
                    )
        for table, rows in (
            ("person", people),
            ("messenger_account", accounts),
            ("role_grant", grants),
            ("mentorship", pairs),
            ("mentorship_mentee", links),
            ("program", programs),
            ("meeting", meetings),
            ("survey_request", requests),
            ("survey_answer", answers),
        ):
            started = time.perf_counter()
            await self._insert(engine, table, rows)
            print(f"  {table}: {len(rows):,} rows in {time.perf_counter() - started:.1f} s")
