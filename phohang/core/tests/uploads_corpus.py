"""Hostile and valid files for upload tests (SEC-09); built in memory, small and fast."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def png_bytes(size=(32, 32), mode="RGBA") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, (10, 20, 30, 255) if mode == "RGBA" else 0).save(output, "PNG")
    return output.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width=50_000, height=50_000) -> bytes:
    """A few hundred bytes that claim 2.5 gigapixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _png_chunk(b"IEND", b"")
    )


def animated_gif(frames=10) -> bytes:
    output = io.BytesIO()
    images = [Image.new("P", (8, 8), i) for i in range(frames)]
    images[0].save(output, "GIF", save_all=True, append_images=images[1:])
    return output.getvalue()


def tiff_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 8)).save(output, "TIFF")
    return output.getvalue()


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
HTML_PAGE = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"
TRUNCATED_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n"
FITS_BYTES = b"SIMPLE  =                    T" + b" " * 2850


def jpeg_html_polyglot() -> bytes:
    """A real JPEG with an HTML payload in a comment segment."""
    data = jpeg_with_gps()
    payload = b"<html><script>alert(1)</script></html>"
    comment = b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload
    return data[:2] + comment + data[2:]


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def big_upload(name: str, size_bytes: int):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * (size_bytes - 9), "application/pdf")
