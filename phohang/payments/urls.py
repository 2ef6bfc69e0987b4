from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("checkout/<uuid:public_id>/", views.pay, name="pay"),
    path("checkout/<uuid:public_id>/status/", views.payment_status, name="status"),
    path("vnpay/return/", views.vnpay_return, name="vnpay_return"),
    path("vnpay/ipn/", views.vnpay_ipn, name="vnpay_ipn"),
    path("vnpay-sandbox/pay/", views.vnpay_sandbox_pay, name="vnpay_sandbox"),
    path(
        "vnpay-sandbox/merchant_webapi/api/transaction",
        views.vnpay_sandbox_transaction,
        name="vnpay_sandbox_transaction",
    ),
    path("orders/<uuid:public_id>/cancel/", views.order_cancel, name="order_cancel"),
    path("orders/<uuid:public_id>/delivered/", views.mark_delivered, name="mark_delivered"),
    path("orders/<uuid:public_id>/refund/", views.refund_create, name="refund"),
    path("review/", views.review_list, name="review"),
    path("review/transfers/<int:transfer_id>/", views.transfer_resolve, name="transfer_resolve"),
    path("payouts/", views.payout_statement, name="payout"),
]
