"""Receivers for the owning apps' after-commit events; each one queues a sync of the rollups it
touches, so the shop's request only pays for the enqueue."""

from . import tasks


def on_order_placed(sender, order_ids, **kwargs) -> None:
    tasks.order_sync_task.enqueue(order_ids=[int(pk) for pk in order_ids])


def on_order_status_changed(sender, order_id, **kwargs) -> None:
    tasks.order_sync_task.enqueue(order_ids=[int(order_id)])


def on_contract_changed(sender, contract_id, **kwargs) -> None:
    tasks.contract_sync_task.enqueue(contract_ids=[int(contract_id)])
