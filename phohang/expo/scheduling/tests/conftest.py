import pytest

from phohang.expo.scheduling import check_schedule

from .instances import as_dict


@pytest.fixture
def checked():
    """Check a result against its instance: no violation, and the objective it claims."""

    def check(instance, result):
        report = check_schedule(instance, as_dict(result))
        assert report.violations == []
        assert report.objective == result.objective
        return report

    return check
