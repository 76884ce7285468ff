"""The progress bar of long portal work: phases of unequal weight, each counting its units."""

import pytest

from b2b_portal.lib.job_progress import DONE, Phase, Plan, next_chunk
from b2b_portal.lib.order_file import PLAN as FILE_ORDER_PLAN
from b2b_portal.lib.pricelist_sheet import PLANS as PRICELIST_PLANS

PLAN = Plan(Phase("read", 1), Phase("match", 2), Phase("price", 1))


def test_phases_follow_each_other_then_done():
    assert PLAN.first == "read"
    assert [PLAN.next(key) for key in PLAN.keys] == ["match", "price", DONE]


def test_percent_adds_the_finished_phases_and_the_share_of_the_current_one():
    assert PLAN.percent("read") == 0
    assert PLAN.percent("match", 0, 10) == 25  # read (1 of 4) is finished
    assert PLAN.percent("match", 5, 10) == 50
    assert PLAN.percent("price", 0, 3) == 75
    assert PLAN.percent(DONE) == 100


def test_a_running_job_never_shows_a_full_bar():
    assert PLAN.percent("price", 3, 3) == 99
    assert PLAN.percent("price", 30, 3) == 99  # more done than counted: still capped
    assert PLAN.percent("match", -1, 10) == 25


def test_the_bar_only_moves_forward_through_a_whole_run():
    for plan in (FILE_ORDER_PLAN, *PRICELIST_PLANS.values(), PLAN):
        seen = []
        for key in plan.keys:
            seen += [plan.percent(key, done, 4) for done in range(5)]
        seen.append(plan.percent(DONE))
        assert seen == sorted(seen), plan.keys
        assert seen[0] == 0 and seen[-1] == 100


def test_xlsx_and_pdf_price_lists_go_through_the_same_phases():
    assert PRICELIST_PLANS["xlsx"].keys == PRICELIST_PLANS["pdf"].keys


@pytest.mark.parametrize(
    "phases",
    [(), (Phase("a", 1), Phase("a", 1)), (Phase(DONE, 1),), (Phase("a", 0),)],
)
def test_bad_plans_are_refused(phases):
    with pytest.raises(ValueError):
        Plan(*phases)


def test_next_chunk():
    items = list(range(7))
    assert next_chunk(items, 0, 3) == [0, 1, 2]
    assert next_chunk(items, 6, 3) == [6]
    assert next_chunk(items, 7, 3) == []
    assert next_chunk(items, 2, None) == [2, 3, 4, 5, 6]
