"""How long the two municipal forms take to build for a large municipality (1,000 schools).

Run: `.venv/bin/python benchmarks/xlsx_forms_bench.py [schools]`. The builders are synchronous
and CPU-bound; the figures tell the chat command whether to run them in a thread.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(schools: int = 1000) -> None:
    from bot.domain.monitoring import (
        EventLevel,
        HalfYear,
        MethodEvent,
        MonitoringRow,
        NormativeRow,
        OrderRef,
        Organization,
        ReportPeriod,
    )
    from bot.reports.municipal_forms import build_monitoring_form, build_normative_form

    rnd = random.Random(2025)
    levels = list(EventLevel)
    period = ReportPeriod.half_year(2025, HalfYear.SECOND)
    municipality = "Устьянского муниципального округа"

    def order() -> OrderRef:
        signed = date(2025, 8, 25) + timedelta(days=rnd.randint(0, 40))
        return OrderRef(
            signed if rnd.random() < 0.9 else None,
            f"{rnd.randint(1, 400)}-од" if rnd.random() < 0.9 else None,
        )

    orgs = [
        Organization(
            f"МБОУ «Средняя общеобразовательная школа №{i // 4 + 1}»",
            None if i % 4 == 0 else f"филиал «Основная школа д. Деревня-{i}»",
        )
        for i in range(schools)
    ]
    normative = [
        NormativeRow(
            org,
            order(),
            order(),
            order(),
            order(),
            "Константинопольская Мария-Антуанетта Петровна",
            f"curator{i}@school.example.ru",
            "+7 (818) 375-12-34",
        )
        for i, org in enumerate(orgs)
    ]
    monitoring = [
        MonitoringRow(
            org,
            rnd.randint(0, 25),
            rnd.randint(0, 10),
            [
                MethodEvent(
                    "Педагогические чтения межмуниципального методического округа, секция "
                    "«Система управления профессиональным развитием педагогов»",
                    rnd.choice(levels),
                    date(2026, 1, 10) + timedelta(days=rnd.randint(0, 150)),
                    rnd.choice(["выступление", "диплом II степени", "сертификат участника"]),
                )
                for _ in range(rnd.randint(0, 5))
            ],
        )
        for org in orgs
    ]
    events = sum(len(row.events) for row in monitoring)

    builds: list[tuple[str, Callable[[], bytes]]] = [
        ("normative", lambda: build_normative_form(normative, period, municipality)),
        ("monitoring", lambda: build_monitoring_form(monitoring, period, municipality)),
    ]
    for name, build in builds:
        started = time.perf_counter()
        data = build()
        seconds = time.perf_counter() - started
        print(f"{name:<10} {schools} schools: {seconds:.3f} s, {len(data) / 1024:.1f} KiB")
    print(f"(monitoring rows carry {events} events in all)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
