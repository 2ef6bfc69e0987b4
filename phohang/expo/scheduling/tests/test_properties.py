from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phohang.expo.scheduling import Options, check_schedule, problem_from_dict, schedule_instance
from phohang.expo.scheduling.greedy import greedy_schedule
from phohang.expo.scheduling.model import compile_problem

from .instances import as_dict, brute_force_optimum


@st.composite
def instances(draw, max_people=6, max_requests=7):
    slots = draw(st.integers(1, 3))
    people = []
    for index in range(draw(st.integers(2, max_people))):
        people.append(
            {
                "id": f"p{index}",
                "role": draw(st.sampled_from(["buyer", "exhibitor"])),
                "available_slots": sorted(draw(st.sets(st.integers(0, slots - 1)))),
                "max_meetings": draw(st.integers(0, 3)),
            }
        )
    ids = [p["id"] for p in people]
    requests = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "a": st.sampled_from(ids),
                    "b": st.sampled_from(ids),
                    "priority": st.sampled_from(["must", "high", "normal"]),
                }
            ),
            max_size=max_requests,
        )
    )
    return {
        "slots": slots,
        "tables": draw(st.integers(1, 3)),
        "participants": people,
        "requests": requests,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_schedule_is_valid_optimal_and_no_worse_than_greedy(instance):
    problem, _ = problem_from_dict(instance)
    greedy = greedy_schedule(compile_problem(problem))

    result = schedule_instance(instance, Options(time_limit_s=5, wait_for_lp_bound=True))

    report = check_schedule(instance, as_dict(result))
    assert report.violations == []
    assert report.objective == result.objective >= greedy.objective
    assert result.objective == brute_force_optimum(instance)
    assert result.objective <= result.lp_bound + 1e-6


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_people=10, max_requests=25))
def test_larger_random_schedules_have_no_violation(instance):
    result = schedule_instance(instance, Options(time_limit_s=2))

    report = check_schedule(instance, as_dict(result))
    assert report.violations == []
    assert report.objective == result.objective >= result.greedy_objective
