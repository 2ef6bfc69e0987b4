import pytest


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(monkeypatch, request):
    """Tests run inside one transaction that never commits; run after-commit work right away."""
    if "transactional_db" in request.fixturenames or request.node.get_closest_marker("postgres"):
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
