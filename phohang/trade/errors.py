"""Domain errors of the trade context; each carries a stable code, an HTTP status and a message."""

from django.utils.translation import gettext_lazy as _


class TradeError(Exception):
    """Refused input or action; `message` is lazy so it renders in Vietnamese or English."""

    status = 422

    def __init__(self, code: str, message, field: str = ""):
        super().__init__(str(code))
        self.code = code
        self.message = message
        self.field = field


class TradeConflict(TradeError):
    """Someone else changed the object first (double accept, withdraw during accept)."""

    status = 409


class TradeNotFound(TradeError):
    """The object does not exist for this user: same answer whether it exists or not."""

    status = 404

    def __init__(self):
        super().__init__("not_found", _("Not found."))


class TradeForbidden(TradeError):
    status = 403
