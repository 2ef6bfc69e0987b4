import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phohang.accounts.tests.factories import AdminFactory, login_verified
from phohang.core.tests import hostile_spreadsheets as hostile
from phohang.orders.tests.factories import UserFactory, VariantFactory, place
from phohang.payments.models import BankTransaction, Payment, StatementImport
from phohang.payments.payouts import safe_cell
from phohang.payments.services import payment_start, statement_import
from phohang.payments.services.statements import memo_references

pytestmark = pytest.mark.django_db


def vietqr_payment(price=100_000):
    checkout = place(UserFactory(), [(VariantFactory(price_vnd=price), 1)], method="vietqr")
    return payment_start(checkout=checkout, method="vietqr")


def csv_upload(rows, name="statement.csv"):
    text = "Mã giao dịch,Ngày,Số tiền,Nội dung\n" + "\n".join(",".join(map(str, r)) for r in rows)
    return SimpleUploadedFile(name, text.encode("utf-8"))


def test_exact_transfer_marks_paid_and_duplicates_credit_once():
    payment = vietqr_payment()
    memo = f"MBVCB.1234.{payment.reference.lower()} chuyen tien"
    row = ("FT2601", "2026-03-01", payment.amount_vnd, memo)

    first = statement_import(upload=csv_upload([row] * 3), actor=None)
    second = statement_import(upload=csv_upload([row]), actor=None)

    payment.refresh_from_db()
    assert payment.status == "captured"
    assert (first.matched_count, first.duplicate_count, second.duplicate_count) == (1, 2, 1)
    assert payment.checkout.orders.get().status == "paid"


def test_amount_mismatch_goes_to_review_not_paid():
    payment = vietqr_payment()

    result = statement_import(
        upload=csv_upload(
            [
                ("FT1", "", payment.amount_vnd - 1, payment.reference),
                ("FT2", "", payment.amount_vnd + 1000, payment.reference),
            ]
        ),
        actor=None,
    )

    payment.refresh_from_db()
    assert (result.matched_count, result.review_count, payment.status) == (0, 2, "pending")


def test_xlsx_statement_is_read():
    from openpyxl import Workbook

    payment = vietqr_payment()
    workbook = Workbook()
    workbook.active.append(["Transaction ID", "Date", "Amount", "Description"])
    workbook.active.append(["X1", "2026-03-01", payment.amount_vnd, f"CT {payment.reference}"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = statement_import(upload=SimpleUploadedFile("s.xlsx", buffer.getvalue()), actor=None)

    assert result.matched_count == 1


def mangle(reference: str, rng: random.Random) -> str:
    spaced = " ".join([reference[:4], reference[4:]]) if rng.random() < 0.3 else reference
    cased = spaced.lower() if rng.random() < 0.5 else spaced
    prefix = rng.choice(["", "MBVCB.3312.", "IBFT ", "Chuyển tiền đơn hàng ", "TRANSFER-"])
    return prefix + cased + rng.choice(["", " cam on", " Thanh toán"])


def test_memo_matching_has_no_false_matches():
    rng = random.Random(7)
    payments = [vietqr_payment(price=50_000 + i) for i in range(20)]
    references = {p.reference for p in payments}
    rows = []
    expected_matches = 0
    for i in range(200):
        payment = rng.choice(payments)
        memo = mangle(payment.reference, rng)
        kind = rng.random()
        if kind < 0.1:
            memo = memo.replace(payment.reference[-3:], "")[:19]  # truncated: unreadable
        elif kind < 0.2:
            memo = "chuyen tien hang thang " + str(i)  # no reference at all
        rows.append(
            (f"T{i}", "", payment.amount_vnd if kind >= 0.3 else payment.amount_vnd + 5, memo)
        )
        if kind >= 0.3 and payment.reference in memo.upper().replace(" ", ""):
            expected_matches += 1

    statement_import(upload=csv_upload(rows), actor=None)

    for transfer in BankTransaction.objects.filter(status="matched").select_related("payment"):
        assert transfer.payment.reference in references
        assert transfer.amount_vnd == transfer.payment.amount_vnd
        assert transfer.payment.reference in transfer.memo.upper().replace(" ", "")
    # One credit per payment; later transfers for the same payment wait for review.
    assert (
        BankTransaction.objects.filter(status="matched").count()
        == Payment.objects.filter(status="captured").count()
    )


def test_mistyped_reference_never_matches():
    payment = vietqr_payment()
    wrong = payment.reference[:-1] + ("A" if payment.reference[-1] != "A" else "B")

    assert memo_references(f"CK {wrong}") == set()


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx"])
def test_payout_cells_are_formula_safe(value):
    assert safe_cell(value) == "'" + value


STATEMENT_HEADERS = ["Mã giao dịch", "Ngày", "Số tiền", "Nội dung"]


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (
            hostile.padded_dimension_xlsx,
            "sao-ke.xlsx",
            "Tệp có hơn 20.000 dòng (tính cả dòng trống). Hãy chia thành các tệp tối đa "
            "20.000 dòng; chưa có gì được nhập.",
        ),
        (hostile.huge_column_xlsx, "sao-ke.xlsx", "Có dòng dài hơn 64 cột; chưa có gì được nhập."),
        (
            hostile.zip_bomb_xlsx,
            "sao-ke.xlsx",
            "Tệp XLSX khi giải nén lớn hơn 40 MB; chưa có gì được nhập.",
        ),
        (hostile.huge_column_csv, "sao-ke.csv", "Có dòng dài hơn 64 cột; chưa có gì được nhập."),
    ],
)
def test_hostile_statement_fails_its_job_and_credits_nothing(
    client, django_capture_on_commit_callbacks, make, name, message
):
    payment = vietqr_payment()
    login_verified(client, AdminFactory())

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("payments:review"), {"file": SimpleUploadedFile(name, make(STATEMENT_HEADERS))}
        )
    page = client.get(started["Location"])

    payment.refresh_from_db()
    assert (page.context["job"].status, page.context["job"].message["vi"]) == ("failed", message)
    assert (payment.status, StatementImport.objects.count(), BankTransaction.objects.count()) == (
        "pending",
        0,
        0,
    )
