"""The A6 shipping label (105 × 148 mm at 300 dpi) as a PDF: parties, cash to collect, a Code 128
barcode and a QR code of the tracking code."""

import io
from pathlib import Path

import segno
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from phohang.core.money import format_vnd

from .models import Shipment

DPI = 300
WIDTH, HEIGHT = 1240, 1748  # A6 at 300 dpi
MARGIN = 50
FONTS = Path(__file__).resolve().parent / "fonts"

# Code 128 symbol patterns (ISO/IEC 15417): bar and space widths in modules; 106 is the stop.
CODE128 = [
    "212222",
    "222122",
    "222221",
    "121223",
    "121322",
    "131222",
    "122213",
    "122312",
    "132212",
    "221213",
    "221312",
    "231212",
    "112232",
    "122132",
    "122231",
    "113222",
    "123122",
    "123221",
    "223211",
    "221132",
    "221231",
    "213212",
    "223112",
    "312131",
    "311222",
    "321122",
    "321221",
    "312212",
    "322112",
    "322211",
    "212123",
    "212321",
    "232121",
    "111323",
    "131123",
    "131321",
    "112313",
    "132113",
    "132311",
    "211313",
    "231113",
    "231311",
    "112133",
    "112331",
    "132131",
    "113123",
    "113321",
    "133121",
    "313121",
    "211331",
    "231131",
    "213113",
    "213311",
    "213131",
    "311123",
    "311321",
    "331121",
    "312113",
    "312311",
    "332111",
    "314111",
    "221411",
    "431111",
    "111224",
    "111422",
    "121124",
    "121421",
    "141122",
    "141221",
    "112214",
    "112412",
    "122114",
    "122411",
    "142112",
    "142211",
    "241211",
    "221114",
    "413111",
    "241112",
    "134111",
    "111242",
    "121142",
    "121241",
    "114212",
    "124112",
    "124211",
    "411212",
    "421112",
    "421211",
    "212141",
    "214121",
    "412121",
    "111143",
    "111341",
    "131141",
    "114113",
    "114311",
    "411113",
    "411311",
    "113141",
    "114131",
    "311141",
    "411131",
    "211412",
    "211214",
    "211232",
    "2331112",
]
START_B, STOP = 104, 106


def code128_modules(text: str) -> list[int]:
    """Element widths (bar first) of `text` in Code 128 set B, with checksum and stop."""
    values = [ord(char) - 32 for char in text]
    if any(not 0 <= value <= 94 for value in values):
        raise ValueError("Code 128 B encodes printable ASCII only")
    checksum = (START_B + sum(i * v for i, v in enumerate(values, start=1))) % 103
    widths: list[int] = []
    for value in [START_B, *values, checksum, STOP]:
        widths.extend(int(width) for width in CODE128[value])
    return widths


def _barcode(draw: ImageDraw.ImageDraw, text: str, left: int, top: int, height: int, width: int):
    widths = code128_modules(text)
    module = max(2, width // (sum(widths) + 20))
    x = left + 10 * module  # quiet zone
    for index, element in enumerate(widths):
        if index % 2 == 0:
            draw.rectangle([x, top, x + element * module - 1, top + height], fill="black")
        x += element * module


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _draw_wrapped(draw, text: str, font, left: int, top: int, width: int) -> int:
    """Draw `text` wrapped to `width`; returns the y below it."""
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) > width and line:
            draw.text((left, top), line, font=font, fill="black")
            top += int(font.size * 1.3)
            line = word
        else:
            line = trial
    if line:
        draw.text((left, top), line, font=font, fill="black")
        top += int(font.size * 1.3)
    return top


def label_pdf(shipment: Shipment, *, tracking_url: str, sender: str) -> bytes:
    """The label of `shipment` in Vietnamese (couriers read it); `tracking_url` in the QR code."""
    with translation.override("vi"):
        return _label(shipment, tracking_url, sender)


def _label(shipment: Shipment, tracking_url: str, sender: str) -> bytes:
    page = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(page)
    inner = WIDTH - 2 * MARGIN
    draw.text((MARGIN, MARGIN), shipment.get_carrier_display(), font=_font(64, True), fill="black")
    _barcode(draw, shipment.tracking_code, MARGIN, 150, 220, inner)
    draw.text((MARGIN, 390), shipment.tracking_code, font=_font(48, True), fill="black")
    y = 480
    draw.line([MARGIN, y, WIDTH - MARGIN, y], fill="black", width=4)
    y = _draw_wrapped(
        draw, _("From: %(sender)s") % {"sender": sender}, _font(36), MARGIN, y + 20, inner
    )
    draw.line([MARGIN, y + 10, WIDTH - MARGIN, y + 10], fill="black", width=4)
    y = _draw_wrapped(draw, _("To:"), _font(36, True), MARGIN, y + 30, inner)
    y = _draw_wrapped(
        draw,
        f"{shipment.recipient_name} · {shipment.recipient_phone}",
        _font(48, True),
        MARGIN,
        y,
        inner,
    )
    y = _draw_wrapped(draw, shipment.address_text, _font(40), MARGIN, y + 10, inner)
    draw.line([MARGIN, y + 10, WIDTH - MARGIN, y + 10], fill="black", width=4)
    qr = segno.make(tracking_url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=12, border=2)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    page.paste(code, (WIDTH - MARGIN - code.width, HEIGHT - MARGIN - code.height))
    bottom = HEIGHT - MARGIN - code.height
    cod = format_vnd(shipment.cod_vnd) if shipment.cod_vnd else "0 ₫"
    draw.text((MARGIN, bottom), _("Cash on delivery:"), font=_font(40, True), fill="black")
    draw.text((MARGIN, bottom + 60), cod, font=_font(72, True), fill="black")
    if shipment.order_id:
        draw.text(
            (MARGIN, bottom + 180),
            _("Order %(number)s") % {"number": shipment.order.number},
            font=_font(36),
            fill="black",
        )
    draw.text((MARGIN, bottom + 240), f"{shipment.weight_grams} g", font=_font(36), fill="black")
    output = io.BytesIO()
    page.save(output, "PDF", resolution=DPI)
    return output.getvalue()
