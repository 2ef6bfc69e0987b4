import io
import time

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from phohang.core.uploads import clean_document, clean_image, safe_original_name

from .uploads_corpus import (
    EXE_BYTES,
    FITS_BYTES,
    GPS_IFD,
    HTML_PAGE,
    PDF_BYTES,
    SVG_WITH_SCRIPT,
    TRUNCATED_PDF,
    animated_gif,
    big_upload,
    jpeg_html_polyglot,
    jpeg_with_gps,
    png_bomb,
    png_bytes,
    tiff_bytes,
    upload,
)


def _error_code(callable_, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        callable_(*args, **kwargs)
    return caught.value.code


def test_clean_image_reencodes_jpeg_and_drops_gps_and_other_exif():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    cleaned = clean_image(upload("photo.jpg", original))

    data = cleaned.content.read()
    reopened = Image.open(io.BytesIO(data))
    assert reopened.format == "JPEG"
    assert reopened.size == (64, 48)
    assert dict(reopened.getexif()) == {}
    assert reopened.getexif().get_ifd(GPS_IFD) == {}
    assert cleaned.content_type == "image/jpeg"
    assert cleaned.extension == "jpg"
    assert cleaned.content.name.endswith(".jpg") and len(cleaned.content.name) == 36


def test_clean_image_keeps_png_as_png():
    cleaned = clean_image(upload("logo.png", png_bytes()))

    assert Image.open(io.BytesIO(cleaned.content.read())).format == "PNG"
    assert cleaned.content_type == "image/png"


def test_polyglot_jpeg_is_reencoded_without_the_html():
    cleaned = clean_image(upload("photo.jpg", jpeg_html_polyglot()))

    assert b"<script" not in cleaned.content.read()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", SVG_WITH_SCRIPT),
        ("logo.jpg", SVG_WITH_SCRIPT),
        ("photo.jpg", HTML_PAGE),
        ("photo.png", EXE_BYTES),
        ("photo.jpg", FITS_BYTES),
        ("photo.jpg", PDF_BYTES),
    ],
)
def test_clean_image_refuses_what_is_not_a_raster_image(name, content):
    assert _error_code(clean_image, upload(name, content)) == "image_invalid"


@pytest.mark.parametrize("content", [animated_gif(), tiff_bytes()])
def test_clean_image_refuses_other_formats(content):
    assert _error_code(clean_image, upload("x.jpg", content)) == "image_type"


def test_png_bomb_is_refused_fast_without_decoding():
    bomb = png_bomb()
    assert len(bomb) < 1000

    started = time.perf_counter()
    code = _error_code(clean_image, upload("bomb.png", bomb))
    elapsed = time.perf_counter() - started

    assert code == "image_pixels"
    assert elapsed < 2


def test_clean_image_refuses_oversize_and_empty_files(settings):
    settings.MAX_IMAGE_BYTES = 1000

    assert _error_code(clean_image, upload("big.png", png_bytes((300, 300), "RGB") * 3)) == (
        "too_large"
    )
    assert _error_code(clean_image, upload("empty.png", b"")) == "empty"


def test_clean_document_accepts_pdf_by_content_with_generated_name():
    cleaned = clean_document(upload("../../etc/Giấy phép.pdf", PDF_BYTES))

    assert cleaned.content.read() == PDF_BYTES
    assert cleaned.content_type == "application/pdf"
    assert cleaned.content.name.endswith(".pdf") and "/" not in cleaned.content.name
    assert cleaned.original_name == "Giấy phép.pdf"


def test_clean_document_reencodes_images():
    cleaned = clean_document(upload("scan.jpg", jpeg_with_gps()))

    assert cleaned.content_type == "image/jpeg"
    assert Image.open(io.BytesIO(cleaned.content.read())).getexif().get_ifd(GPS_IFD) == {}


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("setup.pdf", EXE_BYTES, "document_type"),
        ("page.pdf", HTML_PAGE, "document_type"),
        ("logo.pdf", SVG_WITH_SCRIPT, "document_type"),
        ("broken.pdf", TRUNCATED_PDF, "pdf_invalid"),
        ("bomb.png", png_bomb(), "image_pixels"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_clean_document_refuses_by_content(name, content, code):
    assert _error_code(clean_document, upload(name, content)) == code


def test_clean_document_refuses_20_mb():
    assert _error_code(clean_document, big_upload("big.pdf", 20 * 1024 * 1024)) == "too_large"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../../etc/passwd", "passwd"),
        ("C:\\Windows\\evil.pdf", "evil.pdf"),
        ("in\x00voice.pdf", "invoice.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("", "file"),
    ],
)
def test_safe_original_name(name, safe):
    assert safe_original_name(name) == safe


def test_safe_original_name_is_bounded():
    assert len(safe_original_name("a" * 1000 + ".pdf")) == 120
