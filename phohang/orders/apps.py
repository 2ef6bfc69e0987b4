from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "phohang.orders"
    label = "orders"

    def ready(self):
        from . import privacy

        privacy.register()

        from django.contrib.auth.signals import user_logged_in

        from phohang.core.events import connect

        from .events import order_placed
        from .views import merge_cart_at_login

        # accounts must not import orders, so the merge hooks the login signal from here.
        user_logged_in.connect(merge_cart_at_login, dispatch_uid="orders_merge_cart")
        # The sellers' notice rides the checkout's one queued event, beside the projections.
        connect(order_placed, _sellers_notify)


def _sellers_notify(sender, order_ids, **kwargs):
    from .services.checkout import sellers_notify_new_orders

    sellers_notify_new_orders(order_ids=order_ids)
