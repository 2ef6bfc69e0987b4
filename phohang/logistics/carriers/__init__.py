"""Carrier adapters by code; credentials from settings, the simulator only with DEBUG on."""

from django.conf import settings

from . import simulator
from .base import Adapter, CarrierUnavailable, ParcelRequest, Party, TrackingEvent, https_transport
from .ghn import Ghn
from .ghtk import Ghtk
from .viettelpost import ViettelPost

ADAPTERS: dict[str, type[Adapter]] = {"ghn": Ghn, "ghtk": Ghtk, "viettelpost": ViettelPost}


def simulator_is_on() -> bool:
    """The local carrier simulator: the settings turn it on only with DEBUG (never in production)."""
    return bool(settings.LOGISTICS_CARRIER_SIMULATOR)


def configured_carriers() -> list[str]:
    """Carriers that can be used: those with credentials, or all three on the simulator."""
    if simulator_is_on():
        return list(ADAPTERS)
    configured = settings.LOGISTICS_CARRIERS
    return [code for code in ADAPTERS if configured.get(code)]


def adapter_for(code: str) -> Adapter:
    """The adapter of carrier `code`; KeyError for an unknown or unconfigured carrier."""
    if simulator_is_on():
        return ADAPTERS[code](simulator.SETTINGS[code], simulator.transport(code))
    credentials = settings.LOGISTICS_CARRIERS[code]
    return ADAPTERS[code](credentials, https_transport)


__all__ = [
    "Adapter",
    "CarrierUnavailable",
    "ParcelRequest",
    "Party",
    "TrackingEvent",
    "adapter_for",
    "configured_carriers",
    "simulator_is_on",
]
