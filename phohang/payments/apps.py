from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "phohang.payments"
    label = "payments"
