import io

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from phohang.payments import vietqr

# Example payload published in the NAPAS VietQR specification (IBFT to account, dynamic, 180,000 ₫).
NAPAS_EXAMPLE = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
)


def test_crc16_ccitt_false_check_value():
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1


def test_napas_example_parses():
    data = vietqr.payload_parse(NAPAS_EXAMPLE)

    assert data == vietqr.VietQrData(
        bank_bin="970403",
        account="0011012345678",
        amount_vnd=180_000,
        purpose="thanh toan don hang",
        bill_number="NPS6869",
        is_dynamic=True,
        service="QRIBFTTA",
    )


def test_builder_reproduces_napas_example_byte_for_byte():
    built = vietqr.payload_build(
        vietqr.VietQrData(
            bank_bin="970403",
            account="0011012345678",
            amount_vnd=180_000,
            purpose="thanh toan don hang",
            bill_number="NPS6869",
        )
    )

    assert built == NAPAS_EXAMPLE


@pytest.mark.parametrize(
    "payload",
    [
        NAPAS_EXAMPLE[:-4] + "2E2F",
        NAPAS_EXAMPLE.replace("180000", "180001"),
        NAPAS_EXAMPLE[:-8],
    ],
)
def test_tampered_payloads_are_refused(payload):
    with pytest.raises(vietqr.PayloadError):
        vietqr.payload_parse(payload)


def test_qr_image_decodes_back_to_the_same_payload():
    payload = vietqr.transfer_payload(
        bank_bin="970436", account="0011004455667", amount_vnd=1_250_000, reference="PHABCDEFG2"
    )

    image = Image.open(io.BytesIO(vietqr.qr_png(payload)))
    results = zxingcpp.read_barcodes(image)

    assert [r.text for r in results] == [payload]
    parsed = vietqr.payload_parse(results[0].text)
    assert (parsed.bank_bin, parsed.account, parsed.amount_vnd, parsed.purpose) == (
        "970436",
        "0011004455667",
        1_250_000,
        "PHABCDEFG2",
    )


@given(
    amount=st.integers(min_value=1, max_value=10**13 - 1),
    account=st.text(alphabet="0123456789ABCDEF", min_size=1, max_size=19),
    memo=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ", max_size=25),
)
def test_build_parse_round_trip(amount, account, memo):
    data = vietqr.VietQrData(bank_bin="970415", account=account, amount_vnd=amount, purpose=memo)

    assert vietqr.payload_parse(vietqr.payload_build(data)) == data
