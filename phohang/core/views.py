from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .access import public, signed_in
from .jobs import job_kind
from .models import FileJob


@require_GET
@public
def media_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve a public upload (product images, logos) with headers that stop it acting as a page."""
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full_path = (root / path).resolve()
    except (OSError, ValueError) as error:  # a NUL byte, a name too long
        raise Http404 from error
    # Nothing outside the media root, whatever `..` or a link in the path says.
    if not full_path.is_relative_to(root) or not full_path.is_file():
        raise Http404
    response = FileResponse(full_path.open("rb"))
    # <img> ignores Content-Disposition, so logos still show; opened directly, nothing renders.
    return protect_file_response(response, full_path.name, cache="public, max-age=86400")


def protect_file_response(
    response: HttpResponseBase, filename: str, *, cache: str = "private, max-age=3600"
) -> HttpResponseBase:
    """Headers that stop an uploaded file from ever acting as a page (SEC-10)."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = cache
    return response


@require_GET
@signed_in
def file_job_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """An uploaded file's processing: progress while it runs, then what happened."""
    job = get_object_or_404(FileJob, public_id=public_id, owner=request.user)
    kind = job_kind(job)
    context = {"job": job, "title": kind.title, "back": kind.back(job)}
    if getattr(request, "htmx", False):
        return render(request, "core/partials/_file_job.html", context)
    return render(request, "core/file_job.html", context)
