"""Venues and their halls, kept by the authority staff who organise events."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.text import clean_line
from phohang.geo.models import Province

from ..models import Hall, Venue
from ..selectors import may_create_events

MAX_GRID = 60


def _organiser(user: User) -> None:
    if not may_create_events(user):
        raise Forbidden("not_organiser", _("Only authority staff can create events."))


@transaction.atomic
def venue_create(
    *, user: User, name: str, address: str, province: Province, context: AuditContext
) -> Venue:
    """A new exhibition centre (its halls are added next)."""
    _organiser(user)
    name, address = clean_line(name), clean_line(address)
    if not name:
        raise DomainError("name_missing", _("Give the venue a name."), "name")
    if not address:
        raise DomainError("address_missing", _("Give the venue's address."), "address")
    if Venue.objects.filter(name__iexact=name, province=province).exists():
        raise Conflict("venue_exists", _("This province already has a venue of that name."))
    venue = Venue.objects.create(name=name[:160], address=address[:240], province=province)
    audit_record(
        context=context,
        action="expo.venue.created",
        obj=venue,
        after={"name": venue.name, "province": province.pk},
    )
    return venue


@transaction.atomic
def hall_create(
    *, user: User, venue: Venue, name: str, columns: int, rows: int, context: AuditContext
) -> Hall:
    """A hall drawn as a grid of 3 m × 3 m cells, at most 60 × 60."""
    _organiser(user)
    name = clean_line(name)
    if not name:
        raise DomainError("name_missing", _("Give the hall a name."), "name")
    for value, field in ((columns, "columns"), (rows, "rows")):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_GRID:
            raise DomainError(
                "grid_size", _("A hall has 1 to 60 columns and 1 to 60 rows of cells."), field
            )
    try:
        with transaction.atomic():
            hall = Hall.objects.create(venue=venue, name=name[:80], columns=columns, rows=rows)
    except IntegrityError as error:
        raise Conflict("hall_exists", _("This venue already has a hall of that name.")) from error
    audit_record(
        context=context,
        action="expo.hall.created",
        obj=hall,
        after={"venue": venue.pk, "name": hall.name, "columns": columns, "rows": rows},
    )
    return hall
