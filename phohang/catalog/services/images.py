"""Product photos: validated by content, re-encoded, with a WebP thumbnail; position 0 is the cover."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from phohang.core.audit import AuditContext, audit_record
from phohang.core.uploads import clean_image

from ..events import product_changed_send
from ..models import Product, ProductImage
from .products import product_refresh_summary

MAX_IMAGES = 10
THUMBNAIL_SIZE = (480, 480)


def thumbnail_webp(data: bytes, name: str) -> tuple[ContentFile[bytes], int, int]:
    """A WebP thumbnail of already-cleaned image bytes, and the full image's size."""
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        converted = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        converted.thumbnail(THUMBNAIL_SIZE)
        output = io.BytesIO()
        converted.save(output, "WEBP", quality=80, method=4)
    return ContentFile(output.getvalue(), name=f"{name}.webp"), width, height


def product_image_add(
    *,
    product: Product,
    upload: UploadedFile[bytes],
    context: AuditContext | None,
    alt_text: str = "",
) -> ProductImage:
    """Validate `upload` by its bytes and attach it after the existing images."""
    if product.images.count() >= MAX_IMAGES:
        raise ValidationError(_("A product has at most 10 images."), code="too_many")
    clean = clean_image(upload)
    data = clean.content.read()
    clean.content.seek(0)
    stem = clean.name.rsplit(".", 1)[0]
    thumbnail, width, height = thumbnail_webp(data, stem)
    with transaction.atomic():
        last = product.images.order_by("-position").values_list("position", flat=True).first()
        image = ProductImage(
            product=product,
            position=0 if last is None else last + 1,
            width=width,
            height=height,
            alt_text=(alt_text or product.title)[:200],
        )
        image.image.save(clean.name, clean.content, save=False)
        image.thumbnail.save(f"{stem}.webp", thumbnail, save=False)
        image.save()
        product_refresh_summary(product)
        audit_record(
            context=context,
            action="catalog.image.add",
            obj=product,
            after={"image": image.image.name},
        )
        if product.is_published:
            product_changed_send(product_id=product.pk, action="updated")
    return image


def product_image_delete(*, image: ProductImage, context: AuditContext | None) -> None:
    product = image.product
    with transaction.atomic():
        name, thumb = image.image.name, image.thumbnail.name
        image.delete()
        for position, remaining in enumerate(product.images.order_by("position", "id")):
            if remaining.position != position:
                ProductImage.objects.filter(pk=remaining.pk).update(position=position)
        product_refresh_summary(product)
        audit_record(
            context=context, action="catalog.image.delete", obj=product, before={"image": name}
        )
        if product.is_published:
            product_changed_send(product_id=product.pk, action="updated")

        def remove_files() -> None:
            storage = image.image.storage
            for path in (name, thumb):
                if path:
                    storage.delete(path)

        transaction.on_commit(remove_files)


def product_image_make_cover(*, image: ProductImage, context: AuditContext | None) -> None:
    product = image.product
    with transaction.atomic():
        ordered = [image, *product.images.exclude(pk=image.pk).order_by("position", "id")]
        for position, item in enumerate(ordered):
            ProductImage.objects.filter(pk=item.pk).update(position=position)
        product_refresh_summary(product)
        if product.is_published:
            product_changed_send(product_id=product.pk, action="updated")
