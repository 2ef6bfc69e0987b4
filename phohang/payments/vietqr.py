"""VietQR (NAPAS 247) EMVCo merchant-presented payloads: build, parse, CRC-16 and QR image."""

import binascii
import io
from dataclasses import dataclass

import segno
from django.conf import settings

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MAX_AMOUNT_DIGITS = 13


def is_enabled() -> bool:
    return settings.VIETQR_ENABLED


def platform_account() -> tuple[str, str]:
    """(bank BIN, account number) transfers go to; configured per deployment (see README)."""
    return settings.PLATFORM_BANK_BIN, settings.PLATFORM_BANK_ACCOUNT


class PayloadError(ValueError):
    """The text is not a well-formed VietQR payload."""


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR."""
    return binascii.crc_hqx(data, 0xFFFF)


def tlv(tag: str, value: str) -> str:
    length = len(value)
    if length > 99:
        raise PayloadError(f"field {tag} is longer than 99 characters")
    return f"{tag}{length:02d}{value}"


def tlv_parse(text: str) -> list[tuple[str, str]]:
    """Split `text` into (tag, value) pairs; lengths count characters as the spec does."""
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        header = text[position : position + 4]
        if len(header) < 4 or not header.isdigit():
            raise PayloadError(f"bad TLV header at {position}")
        tag, length = header[:2], int(header[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise PayloadError(f"field {tag} is truncated")
        pairs.append((tag, value))
        position += 4 + length
    return pairs


@dataclass(frozen=True)
class VietQrData:
    bank_bin: str
    account: str
    amount_vnd: int | None
    purpose: str = ""
    bill_number: str = ""
    is_dynamic: bool = True
    service: str = SERVICE_TO_ACCOUNT


def _ascii_memo(text: str) -> str:
    """Banks carry only unaccented ASCII in the memo; keep letters, digits and spaces."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch == " "))[:25]


def payload_build(data: VietQrData) -> str:
    """The full payload string including the CRC field (tag 63)."""
    if not (data.bank_bin.isdigit() and len(data.bank_bin) == 6):
        raise PayloadError("bank BIN must be 6 digits")
    if not data.account or len(data.account) > 19 or not data.account.isalnum():
        raise PayloadError("account must be 1–19 letters or digits")
    beneficiary = tlv("00", data.bank_bin) + tlv("01", data.account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", data.service)
    parts = [
        tlv("00", "01"),
        tlv("01", "12" if data.is_dynamic else "11"),
        tlv("38", merchant),
        tlv("53", CURRENCY_VND),
    ]
    if data.amount_vnd is not None:
        if data.amount_vnd <= 0 or len(str(data.amount_vnd)) > MAX_AMOUNT_DIGITS:
            raise PayloadError("amount out of range")
        parts.append(tlv("54", str(int(data.amount_vnd))))
    parts.append(tlv("58", COUNTRY_VN))
    additional = ""
    if data.bill_number:
        additional += tlv("01", data.bill_number)
    if data.purpose:
        additional += tlv("08", data.purpose)
    if additional:
        parts.append(tlv("62", additional))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('utf-8')):04X}"


def payload_parse(payload: str) -> VietQrData:
    """Check the CRC and the NAPAS fields; return what the payload asks the payer to send."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise PayloadError("missing CRC field")
    expected = crc16_ccitt_false(payload[:-4].encode("utf-8"))
    if payload[-4:].upper() != f"{expected:04X}":
        raise PayloadError("CRC mismatch")
    fields = dict(tlv_parse(payload[:-8]))
    if fields.get("00") != "01":
        raise PayloadError("not an EMVCo payload")
    merchant = dict(tlv_parse(fields.get("38", "")))
    if merchant.get("00") != NAPAS_GUID:
        raise PayloadError("not a NAPAS VietQR payload")
    beneficiary = dict(tlv_parse(merchant.get("01", "")))
    if fields.get("53", CURRENCY_VND) != CURRENCY_VND or fields.get("58") != COUNTRY_VN:
        raise PayloadError("not a VND payload for Vietnam")
    additional = dict(tlv_parse(fields.get("62", "")))
    amount_text = fields.get("54")
    if amount_text is not None and not amount_text.isdigit():
        raise PayloadError("amount is not a whole number of đồng")
    return VietQrData(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        amount_vnd=int(amount_text) if amount_text is not None else None,
        purpose=additional.get("08", ""),
        bill_number=additional.get("01", ""),
        is_dynamic=fields.get("01") == "12",
        service=merchant.get("02", ""),
    )


def transfer_payload(*, bank_bin: str, account: str, amount_vnd: int, reference: str) -> str:
    """Payload for one payment: the reference is both the bill number and the memo."""
    return payload_build(
        VietQrData(
            bank_bin=bank_bin,
            account=account,
            amount_vnd=amount_vnd,
            purpose=_ascii_memo(reference),
            bill_number=reference[:25],
        )
    )


def qr_svg(payload: str, *, scale: int = 5) -> str:
    """Inline SVG of the QR code (error correction M, as banking apps expect)."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(
        buffer, kind="svg", scale=scale, xmldecl=False, svgns=True, border=4
    )
    return buffer.getvalue().decode()


def qr_png(payload: str, *, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
