"""Validate uploads by content, never by name; images are re-encoded so only clean pixels are kept."""

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def private_storage() -> Storage:
    """Uploads that are never under MEDIA_URL (identity documents, import files)."""
    return storages["private"]


@dataclass(frozen=True)
class CleanUpload:
    content: ContentFile[bytes]
    content_type: str
    extension: str
    original_name: str

    @property
    def name(self) -> str:
        """The name to store the content under: a random stem and the checked extension."""
        return self.content.name or f"upload.{self.extension}"


def _check_size(upload: UploadedFile[bytes], limit: int) -> None:
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large (limit %(limit)s).") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")


def safe_original_name(name: str) -> str:
    """Display-only name: no path parts, control or bidi characters, bounded length."""
    from .text import clean_identifier

    base = clean_identifier(name.replace("\\", "/").split("/")[-1]).replace("\x00", "")
    return base[-120:] or "file"


def _too_many_pixels(max_pixels: int) -> ValidationError:
    return ValidationError(
        _("The image is too large or animated (at most %(pixels)s megapixels).")
        % {"pixels": max_pixels // 1_000_000},
        code="image_pixels",
    )


def clean_image(
    upload: UploadedFile[bytes], *, max_bytes: int | None = None, max_pixels: int | None = None
) -> CleanUpload:
    """Decode a JPEG/PNG/WebP, drop metadata (EXIF/GPS) and re-encode it; refuse anything else."""
    max_bytes = max_bytes or settings.MAX_IMAGE_BYTES
    max_pixels = max_pixels or settings.MAX_IMAGE_PIXELS
    _check_size(upload, max_bytes)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG or WebP images are accepted."), code="image_type"
                )
            # Check the declared size before decoding: a small file can claim 50k × 50k pixels.
            if width * height > max_pixels or getattr(probe, "n_frames", 1) > 1:
                raise _too_many_pixels(max_pixels)
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except Image.DecompressionBombError as error:
        # Pillow's own guard fires at open() for claims far beyond ours.
        raise _too_many_pixels(max_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a valid JPEG, PNG or WebP image."), code="image_invalid"
        ) from error
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    # Pillow writes some metadata from .info back out (a JPEG comment can carry an HTML payload).
    image.info = {}
    output = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=88, optimize=True)
    else:
        image.save(output, image_format)
    extension = IMAGE_FORMATS[image_format]
    return CleanUpload(
        content=ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}"),
        content_type=Image.MIME[image_format],
        extension=extension,
        original_name=safe_original_name(getattr(upload, "name", "") or ""),
    )


def clean_document(upload: UploadedFile[bytes], *, max_bytes: int | None = None) -> CleanUpload:
    """Accept a PDF, JPEG or PNG identified by its bytes; images are re-encoded."""
    max_bytes = max_bytes or settings.MAX_DOCUMENT_BYTES
    _check_size(upload, max_bytes)
    head = upload.read(1024)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        data = upload.read()
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("This PDF file is damaged or incomplete."), code="pdf_invalid")
        return CleanUpload(
            content=ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"),
            content_type="application/pdf",
            extension="pdf",
            original_name=safe_original_name(getattr(upload, "name", "") or ""),
        )
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return clean_image(upload, max_bytes=max_bytes)
    raise ValidationError(_("Only PDF, JPEG or PNG documents are accepted."), code="document_type")
