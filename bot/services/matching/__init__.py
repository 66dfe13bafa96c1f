"""The curator's matching: build the cohort from submitted questionnaires, run the engine, store
the proposals, and approve (creating the pair or group), reject or re-pick them one by one.

The package keeps one import path for the handlers: `from bot.services import matching`, then
`matching.run(...)`, `matching.approve(...)`, `matching.MODES`.
"""

from __future__ import annotations

from bot.services.matching.approval import (
    NUMBER_MAX,
    approve,
    approve_all,
    check_number,
    check_term_date,
    pool_enabled,
    scope,
    set_pool,
)
from bot.services.matching.review import (
    SHORTLIST_SIZE,
    alternatives,
    choice,
    group_size,
    pick,
    reject,
    run,
    run_of_proposal,
    run_view,
)
from bot.services.matching.views import (
    APPROVED,
    MODES,
    PENDING,
    REJECTED,
    Alternative,
    ApprovalTerms,
    Approved,
    Contact,
    GroupView,
    Named,
    ProposalView,
    RunChoice,
    RunView,
    UnmatchedView,
)

__all__ = [
    "APPROVED",
    "MODES",
    "NUMBER_MAX",
    "PENDING",
    "REJECTED",
    "SHORTLIST_SIZE",
    "Alternative",
    "ApprovalTerms",
    "Approved",
    "Contact",
    "GroupView",
    "Named",
    "ProposalView",
    "RunChoice",
    "RunView",
    "UnmatchedView",
    "alternatives",
    "approve",
    "approve_all",
    "check_number",
    "check_term_date",
    "choice",
    "group_size",
    "pick",
    "pool_enabled",
    "reject",
    "run",
    "run_of_proposal",
    "run_view",
    "scope",
    "set_pool",
]
