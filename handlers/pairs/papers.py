"""The pair's papers on its card, for the curator: the approving order and the mentor's consent
under Labour Code art. 351.8, or what is still missing (completed from the card's button)."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.approval import paper_gaps
from bot.services.program import PairOverview


def papers_text(view: PairOverview, t: Callable[..., str]) -> str:
    pair = view.pair.mentorship
    gaps = paper_gaps(
        has_order=view.order is not None,
        consent_date=pair.mentor_consent_date,
        agreement_date=pair.agreement_date,
        agreement_number=pair.agreement_number,
    )
    order = (
        t(
            "papers-order-value",
            date=view.order.signed_on.strftime("%d.%m.%Y") if view.order.signed_on else "—",
            number=view.order.number or "—",
        )
        if view.order is not None
        else ""
    )
    return t(
        "papers-card",
        order=order or "-",
        no_order=int(gaps.order),
        consent=pair.mentor_consent_date.strftime("%d.%m.%Y") if pair.mentor_consent_date else "-",
        agreement=pair.agreement_number or "-",
        agreement_date=pair.agreement_date.strftime("%d.%m.%Y") if pair.agreement_date else "-",
        no_consent=int(gaps.consent),
    )
