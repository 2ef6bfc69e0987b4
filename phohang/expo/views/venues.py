"""Venues and halls, kept by the authority staff who organise events."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from phohang.core.access import roles_required
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError

from .. import selectors, services
from ..forms import HallForm, VenueForm
from ..models import Venue
from .common import ORGANISER_ROLES


@roles_required(ORGANISER_ROLES)
@require_http_methods(["GET", "POST"])
def venue_list(request):
    """Every venue with its halls, and a form to add one."""
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            venue = services.venue_create(
                user=request.user, context=audit_context_from_request(request), **form.cleaned_data
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The venue is added; now draw its halls."))
            return redirect("expo:venue", venue_id=venue.pk)
    status = 400 if request.method == "POST" else 200
    context = {"venues": selectors.venue_list(), "form": form}
    return render(request, "expo/venue_list.html", context, status=status)


@roles_required(ORGANISER_ROLES)
@require_http_methods(["GET", "POST"])
def venue_detail(request, venue_id: int):
    """A venue's halls drawn as grids, and a form to add a hall."""
    venue = Venue.objects.filter(pk=venue_id).select_related("province").first()
    if venue is None:
        raise Http404
    form = HallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hall_create(
                user=request.user,
                venue=venue,
                context=audit_context_from_request(request),
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The hall is added."))
            return redirect("expo:venue", venue_id=venue.pk)
    status = 400 if request.method == "POST" else 200
    context = {"venue": venue, "halls": venue.halls.order_by("name"), "form": form}
    return render(request, "expo/venue_detail.html", context, status=status)
