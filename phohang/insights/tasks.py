"""Rollup syncs run as Django tasks, so the request that placed an order or signed a contract
never waits for them (immediate backend in tests, a worker with TASKS_BACKEND=database)."""

from django.tasks import task

from . import rollups


@task
def order_sync_task(*, order_ids: list[int]) -> int:
    """Bring the rollups in line with `order_ids`; the per-order ledger makes reruns harmless."""
    return rollups.order_sync(order_ids=order_ids)


@task
def contract_sync_task(*, contract_ids: list[int]) -> int:
    """Bring the contract rollup in line with `contract_ids`."""
    return rollups.contract_sync(contract_ids=contract_ids)
