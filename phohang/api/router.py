"""The /api/v1 entry point: mounts each app's `api.py` router."""

from importlib import import_module

from ninja import NinjaAPI

from phohang.core.api import errors

from .auth import token_or_session


class PhoHangApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return errors.document(super().get_openapi_schema(*args, **kwargs))

    def get_openapi_operation_id(self, operation) -> str:
        """`phohang_<app>_api_<function>`, whether the app's api is a module or a package."""
        parts = operation.view_func.__module__.split(".")
        if len(parts) > 3 and parts[2] == "api":  # phohang.<app>.api.<module>
            parts = parts[:3]
        return "_".join([*parts, operation.view_func.__name__])


api = PhoHangApi(
    title="Phố Hàng API",
    version="1.0.0",
    description=(
        "REST API of Phố Hàng. Authenticate integrations with `Authorization: Bearer <token>` "
        "(create tokens on your account page). Errors are JSON with messages in Vietnamese and English."
    ),
    urls_namespace="api",
    auth=token_or_session,
    docs_url="/docs",
)
errors.install(api)

# Operations open to anonymous callers (auth=None); the route audit (SEC-03) checks this list.
# Each app's api.py declares its own PUBLIC_OPERATIONS beside its router.
PUBLIC_OPERATIONS = frozenset({"health"})

# Apps that expose an API; each module defines `router`.
API_MODULES = [
    ("accounts", "phohang.accounts.api"),
    ("geo", "phohang.geo.api"),
    ("sellers", "phohang.sellers.api"),
    ("catalog", "phohang.catalog.api"),
    ("search", "phohang.search.api"),
    ("orders", "phohang.orders.api"),
    ("payments", "phohang.payments.api"),
    ("trade", "phohang.trade.api"),
    ("logistics", "phohang.logistics.api"),
    ("markets", "phohang.markets.api"),
    ("expo", "phohang.expo.api"),
    ("directory", "phohang.directory.api"),
    ("compliance", "phohang.compliance.api"),
    ("messages", "phohang.messaging.api"),
    ("live", "phohang.livestream.api"),
    ("stats", "phohang.insights.api"),
]

for prefix, module_path in API_MODULES:
    try:
        module = import_module(module_path)
    except ModuleNotFoundError as error:
        if error.name != module_path:
            raise
        continue
    api.add_router(f"/{prefix}/", module.router)


@api.get("/health", auth=None, tags=["meta"], summary="API liveness")
def health(request):
    return {"status": "ok"}
