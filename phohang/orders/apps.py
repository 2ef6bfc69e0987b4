from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "phohang.orders"
    label = "orders"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .views import merge_cart_at_login

        # accounts must not import orders, so the merge hooks the login signal from here.
        user_logged_in.connect(merge_cart_at_login, dispatch_uid="orders_merge_cart")
