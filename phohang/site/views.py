from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from phohang.core.access import public


@require_GET
@public
def home(request):
    from phohang.catalog import selectors as catalog_selectors

    return render(request, "site/home.html", catalog_selectors.home_sections())


@never_cache
@require_GET
@public
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@public
def about(request):
    return render(request, "site/about.html")


@public
def ranking_criteria(request):
    """The main criteria of search ranking and trade matching, published as the law asks,
    with the figures the ranking code uses now."""
    from phohang.search.ranking import HEAD_MISSING
    from phohang.trade.matching import MINIMUM_SCORE, WEIGHTS
    from phohang.trade.matching.rules import BANDS

    labels = {
        "product": _("Product asked for"),
        "quality": _("Required certifications and OCOP stars"),
        "quantity": _("Quantity and minimum order"),
        "season": _("In season in the delivery window"),
        "price": _("Price under the ceiling"),
        "distance": _("Distance, radius and growing area"),
    }
    context = {
        "head_missing_percent": round(100 * HEAD_MISSING),
        "points": [(labels[name], points) for name, points in WEIGHTS.items()],
        "points_total": sum(WEIGHTS.values()),
        "bands": [(grade, *BANDS[grade]) for grade in (3, 2, 1)],
        "minimum_score": MINIMUM_SCORE,
    }
    return render(request, "site/ranking_criteria.html", context)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No request context: its processors read the database, which may be what failed.
    return HttpResponseServerError(render_to_string("500.html"))


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
