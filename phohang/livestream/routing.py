from django.urls import path

from .consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/live/<uuid:public_id>/", LiveConsumer.as_asgi()),
]
