"""Background work for orders: notifications after checkout and state moves, reservation expiry.

Schedule `reservations_expire_task` every minute (cron or the task worker).
"""

from django.tasks import task


@task
def order_sellers_notify(order_ids: list[int]) -> None:
    """Tell the active members of each order's shop about the new order (in-app and email).

    Checkout now reaches this through the `order_placed` event (one queued task per checkout);
    the task stays so rows queued by an earlier release still run.
    """
    from .services.checkout import sellers_notify_new_orders

    sellers_notify_new_orders(order_ids=order_ids)


@task
def order_notify_task(order_id: int, to_status: str, actor_kind: str) -> None:
    """Tell the other party about an order's move (in-app and email)."""
    from .services.state import order_parties_notify

    order_parties_notify(order_id=order_id, to_status=to_status, actor_kind=actor_kind)


def reservations_expire_task() -> int:
    from .services import reservations_expire

    return reservations_expire()
