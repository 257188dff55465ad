"""A rank said alone ("supervisor", "foreman", "manager") read beside the job the person has (knowledge/step_up.py)."""
import pytest

from knowledge.step_up import rank_of, step_up


@pytest.mark.parametrize("said, rank", [
    ("supervisor", "supervisor"), ("the foreman", "foreman"), ("a team lead", "lead"), ("Manager", "manager"),
    ("supervisor role", "supervisor"), ("shift supervisor", "supervisor"), ("a team supervisor", "supervisor"),
    ("store manager", None), ("department manager", None), ("nurse", None),  # a store title, not a rank alone
])
def test_a_rank_is_only_a_rank_said_alone(said, rank):
    assert rank_of(said) == rank


@pytest.mark.parametrize("current, rank, first", [
    ("53-7051.00", "supervisor", "53-1043.00"),  # forklift and reach truck drivers: material-moving supervisors
    ("37-3011.00", "foreman", "37-1012.00"),  # landscapers: landscaping supervisors
    ("47-2081.00", "foreman", "47-1011.00"),  # drywall: construction trades supervisors
    ("41-2031.00", "lead", "41-1011.00"),  # retail sales: retail supervisors
    ("35-2014.00", "manager", "11-9051.00"),  # restaurant cooks: food service managers
    ("29-1141.00", "supervisor", "11-9111.00"),  # nurses have no first-line supervisors in SOC: health services managers
])
def test_the_step_up_is_the_supervisor_or_manager_of_their_own_work(engine, current, rank, first):
    jobs = step_up(engine, current, rank)
    assert jobs[0]["code"] == first and len(jobs) == 3 and len({j["code"] for j in jobs}) == 3


def test_no_step_up_from_a_supervisor_or_manager(engine):
    assert step_up(engine, "41-1011.00", "supervisor") == [] and step_up(engine, "11-9051.00", "manager") == []


def test_no_step_up_from_a_mixed_group_and_never_to_chief_executive(engine):
    assert step_up(engine, "51-9199.00", "manager") == []  # Production Workers, All Other: too mixed to say
    for current in ("41-2011.00", "51-4121.00", "43-4051.00"):
        assert "11-1011.00" not in {j["code"] for j in step_up(engine, current, "manager")}
