"""Proof of delivery: the driver's signature or photo, cleaned and kept in private storage."""

import base64
import binascii
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import Conflict, DomainError
from phohang.core.uploads import clean_image

from ..models import ProofOfDelivery, Stop

if TYPE_CHECKING:
    from phohang.accounts.models import User

SIGNATURE_PREFIX = "data:image/png;base64,"
MAX_SIGNATURE_BYTES = 512 * 1024


def _signature_file(signature: str) -> SimpleUploadedFile | None:
    if not signature:
        return None
    if not signature.startswith(SIGNATURE_PREFIX) or len(signature) > MAX_SIGNATURE_BYTES * 2:
        raise DomainError("signature", _("The signature could not be read; sign again."))
    try:
        data = base64.b64decode(signature[len(SIGNATURE_PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as error:
        raise DomainError("signature", _("The signature could not be read; sign again.")) from error
    return SimpleUploadedFile("signature.png", data, content_type="image/png")


def proof_record(
    *,
    stop: Stop,
    outcome: str,
    received_by: str,
    photo: "UploadedFile[bytes] | None",
    signature: str,
    note: str,
    user: "User | None",
    context: AuditContext,
) -> ProofOfDelivery:
    """Record a stop's outcome once; a delivery needs a signature or a photo."""
    upload = photo or _signature_file(signature)
    if outcome == ProofOfDelivery.Outcome.DELIVERED and upload is None:
        raise DomainError(
            "proof_missing", _("A delivery needs the recipient's signature or a photo.")
        )
    image = None
    if upload is not None:
        try:
            image = clean_image(upload)
        except ValidationError as error:
            raise DomainError("proof_image", error.messages[0]) from error
    status = (
        Stop.Status.DONE if outcome == ProofOfDelivery.Outcome.DELIVERED else Stop.Status.FAILED
    )
    with transaction.atomic():
        # Conditional on the stop still pending: two drivers' taps record one outcome.
        if not Stop.objects.filter(pk=stop.pk, status=Stop.Status.PENDING).update(
            status=status, updated_at=timezone.now()
        ):
            raise Conflict("already_recorded", _("The outcome of this stop is already recorded."))
        proof = ProofOfDelivery(
            stop=stop,
            outcome=outcome,
            received_by=received_by,
            note=note,
            recorded_by=user if getattr(user, "pk", None) else None,
        )
        if image is not None:
            proof.image.save(image.name, image.content, save=False)
        proof.save()
        audit_record(
            context=context,
            action=f"logistics.stop.{outcome}",
            obj=stop,
            before={"status": Stop.Status.PENDING},
            after={"status": status, "has_image": image is not None},
        )
    stop.status = status
    return proof
