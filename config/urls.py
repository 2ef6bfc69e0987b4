from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog, set_language

from phohang.api.router import api
from phohang.core import views as core_views
from phohang.core.access import public
from phohang.site import views as site_views

admin.site.site_header = "Phố Hàng"
admin.site.site_title = "Phố Hàng"

urlpatterns = [
    path("", include("phohang.site.urls")),
    path("healthz", site_views.healthz, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("i18n/catalog.js", public(JavaScriptCatalog.as_view()), name="javascript_catalog"),
    path("accounts/", include("phohang.accounts.urls")),
    path("geo/", include("phohang.geo.urls")),
    path("sellers/", include("phohang.sellers.urls")),
    path("", include("phohang.catalog.urls")),
    path("search/", include("phohang.search.urls")),
    path("orders/", include("phohang.orders.urls")),
    path("payments/", include("phohang.payments.urls")),
    path("trade/", include("phohang.trade.urls")),
    path("hoi-cho/", include("phohang.expo.urls")),
    path("van-chuyen/", include("phohang.logistics.urls")),
    path("cong-nghiep/", include("phohang.directory.urls")),
    path("cho-dau-moi/", include("phohang.markets.urls")),
    path("tuan-thu/", include("phohang.compliance.urls")),
    path("messages/", include("phohang.messaging.urls")),
    path("truc-tuyen/", include("phohang.livestream.urls")),
    path("insights/", include("phohang.insights.urls")),
    path("", include("phohang.core.urls")),
    path("api/v1/", api.urls),
    # Staff sign in through the accounts login, which asks for the second factor.
    path(
        "admin/login/",
        public(RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    ),
    path("admin/", admin.site.urls),
    path("media/<path:path>", core_views.media_file, name="media"),
]

handler400 = site_views.error_400
handler403 = site_views.error_403
handler404 = site_views.error_404
handler500 = site_views.error_500
