"""AV VIB's job swaps (functiewisseling) and joint project teams.

The flow:

1. A current member (placed or active) of a cohort whose programme's placement pattern is job swap offers their
   own job and says which kinds of work it involves and which they want to try (``swap_offer_save``).
2. The programme's HR runs ``swaps_propose``: the optimiser (``swap_matching``) proposes pairs and rings between
   municipalities; the cohort's proposed swaps are replaced (final swaps, and the people in them, are never
   touched) and every participant in a new swap is told.
3. Each participant accepts or declines their move. Declining cancels the whole swap and tells the others.
   Once a move is accepted, its participant's manager (the home manager) and the manager of the person whose
   job they take over (the host manager) are asked to approve; one manager may be both, for different moves.
4. When every move of a swap is accepted and approved on both sides, the swap is final and everyone in it is
   told. A manager who does not approve cancels the swap, like a participant who declines.
5. After the swaps, HR composes joint project teams that mix municipalities (``project_teams_propose``,
   ``project_team_save``).

Every change of a swap's state happens under a lock on the swap's row; proposing locks the cohort's row.
Two people of one municipality are never in one move: the optimiser never proposes it and the services
refuse it again before they write.

Its modules:

- ``rules``: what every part shares: the swap's period, the live statuses, the two sides of an approval, and
  the checks (HR of the programme, a job-swap programme, a current member) the services make before they write;
- ``scope``: the reads that decide who sees which cohort, offer, swap and move (404 outside it);
- ``selectors``: what the pages show, in a fixed number of queries;
- ``services``: offers, proposing swaps, and accepting, approving and declining moves;
- ``teams``: the joint project teams after the swaps.

The names below are the package's public face; views, forms, the demo and tests use them from here.
"""

from .rules import HOME, HOST, LIVE_STATUSES, NO_MANAGER_REASON, SIDES, SWAP_MONTHS, swap_period
from .scope import (
    move_for_manager,
    move_for_participant,
    swap_cohort_for_hr,
    swap_cohort_for_member,
    swap_cohorts_of_member,
    swap_members,
    swap_offers_of,
    swaps_of,
)
from .selectors import (
    AwaitingApproval,
    LeftOut,
    MoveView,
    MySwap,
    SwapOverview,
    SwapView,
    host_organisation_choices,
    moves_awaiting_approval,
    my_swaps,
    project_team_for_hr,
    project_teams_of,
    swap_overview,
    swap_view,
)
from .services import (
    SwapRound,
    swap_move_accept,
    swap_move_approve,
    swap_move_decline,
    swap_move_reject,
    swap_offer_save,
    swaps_propose,
)
from .teams import TeamProposal, project_team_save, project_team_sizes, project_teams_propose, project_teams_replace

__all__ = [
    "HOME",
    "HOST",
    "LIVE_STATUSES",
    "NO_MANAGER_REASON",
    "SIDES",
    "SWAP_MONTHS",
    "AwaitingApproval",
    "LeftOut",
    "MoveView",
    "MySwap",
    "SwapOverview",
    "SwapRound",
    "SwapView",
    "TeamProposal",
    "host_organisation_choices",
    "move_for_manager",
    "move_for_participant",
    "moves_awaiting_approval",
    "my_swaps",
    "project_team_for_hr",
    "project_team_save",
    "project_team_sizes",
    "project_teams_of",
    "project_teams_propose",
    "project_teams_replace",
    "swap_cohort_for_hr",
    "swap_cohort_for_member",
    "swap_cohorts_of_member",
    "swap_members",
    "swap_move_accept",
    "swap_move_approve",
    "swap_move_decline",
    "swap_move_reject",
    "swap_offer_save",
    "swap_offers_of",
    "swap_overview",
    "swap_period",
    "swap_view",
    "swaps_of",
    "swaps_propose",
]
