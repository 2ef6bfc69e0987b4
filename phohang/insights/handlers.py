"""Receivers for the owning apps' after-commit events; each one queues a sync of the rollups it
touches, so the shop's request only pays for the enqueue."""

import logging

from . import tasks

logger = logging.getLogger("phohang.insights")


def on_order_placed(sender, order_ids, **kwargs) -> None:
    tasks.order_sync_task.enqueue(order_ids=[int(pk) for pk in order_ids])


def on_order_status_changed(sender, order_id, **kwargs) -> None:
    tasks.order_sync_task.enqueue(order_ids=[int(order_id)])


def on_contract_changed(sender, contract_id, **kwargs) -> None:
    tasks.contract_sync_task.enqueue(contract_ids=[int(contract_id)])


def connect() -> None:
    """Subscribe to the events that exist; an app that sends none yet is simply skipped."""
    from importlib import import_module

    subscriptions = [
        ("phohang.orders.events", "order_placed", on_order_placed),
        ("phohang.orders.events", "order_status_changed", on_order_status_changed),
        ("phohang.trade.events", "contract_signed", on_contract_changed),
        ("phohang.trade.events", "contract_status_changed", on_contract_changed),
        ("phohang.trade.events", "delivery_received", on_contract_changed),
    ]
    for module_path, name, receiver in subscriptions:
        try:
            signal = getattr(import_module(module_path), name)
        except (ModuleNotFoundError, AttributeError):
            logger.debug("insights: %s.%s not available", module_path, name)
            continue
        signal.connect(receiver, dispatch_uid=f"insights.{name}")
