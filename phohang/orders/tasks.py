"""Background work for orders: seller notifications after checkout, reservation expiry.

Schedule `reservations_expire_task` every minute (cron or the task worker).
"""

from django.tasks import task


@task
def order_sellers_notify(order_ids: list[int]) -> None:
    """Tell the active members of each order's shop about the new order (in-app and email)."""
    from .services.checkout import sellers_notify_new_orders

    sellers_notify_new_orders(order_ids=order_ids)


def reservations_expire_task() -> int:
    from .services import reservations_expire

    return reservations_expire()
