"""Bank statement import (CSV/XLSX): credit transfers whose memo names a payment and whose amount
is exact; everything else goes to the review list. A bank transaction id is credited once."""

import csv
import io
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from phohang.core.audit import AuditContext, audit_record
from phohang.core.money import parse_vnd
from phohang.core.text import fold
from phohang.orders.selectors import checkout_get_by_reference
from phohang.orders.services import reference_is_well_formed

from ..models import BankTransaction, Payment, StatementImport
from .capture import PaymentError, payment_capture, payment_start

MAX_ROWS = 20_000
HEADERS = {
    "id": {"transaction_id", "transaction id", "id", "ma giao dich", "so tham chieu", "reference"},
    "amount": {"amount", "credit", "so tien", "so tien ghi co", "ghi co"},
    "memo": {"description", "memo", "noi dung", "dien giai", "noi dung chuyen khoan"},
    "date": {"date", "ngay", "ngay giao dich", "booked_at", "thoi gian"},
}


class StatementError(Exception):
    """The file cannot be read as a statement."""


@dataclass(frozen=True)
class StatementRow:
    line: int
    transaction_id: str
    amount_vnd: int
    memo: str
    booked_at: str


def _column_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, name in enumerate(header):
        key = re.sub(r"\s+", " ", fold(str(name or "")).strip())
        for field, names in HEADERS.items():
            if key in names and field not in found:
                found[field] = index
    missing = {"id", "amount", "memo"} - set(found)
    if missing:
        raise StatementError(
            _("The statement needs columns for the transaction id, amount and description.")
        )
    return found


def _rows_from_file(upload) -> list[list]:
    name = (getattr(upload, "name", "") or "").lower()
    data = upload.read()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:
            raise StatementError(_("This file is not a readable XLSX workbook.")) from error
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StatementError(_("The file's text encoding is not recognised."))
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
    return list(csv.reader(io.StringIO(text), dialect))[: MAX_ROWS + 1]


def statement_parse(upload) -> tuple[list[StatementRow], list[dict]]:
    rows = _rows_from_file(upload)
    if not rows:
        raise StatementError(_("The file is empty."))
    columns = _column_map(rows[0])
    parsed, problems = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        try:
            transaction_id = str(row[columns["id"]] or "").strip()
            raw_amount = row[columns["amount"]]
            amount = (
                int(raw_amount)
                if isinstance(raw_amount, (int, float))
                else parse_vnd(str(raw_amount or ""))
            )
            memo = str(row[columns["memo"]] or "").strip()
            booked = str(row[columns["date"]] or "") if "date" in columns else ""
        except (IndexError, ValueError):
            problems.append({"line": line, "reason": str(_("Amount or columns not readable."))})
            continue
        if not transaction_id:
            problems.append({"line": line, "reason": str(_("Missing transaction id."))})
            continue
        if amount <= 0:
            continue  # debits and zero rows are not incoming payments
        parsed.append(StatementRow(line, transaction_id[:64], amount, memo[:300], booked[:40]))
    return parsed, problems


def memo_references(memo: str) -> set[str]:
    """Well-formed references hidden in a memo, whatever the case, spacing or bank prefixes."""
    squashed = re.sub(r"[^A-Z0-9]", "", fold(memo).upper())
    found = set()
    for index in range(len(squashed) - 9):
        candidate = squashed[index : index + 10]
        if candidate.startswith("PH") and reference_is_well_formed(candidate):
            found.add(candidate)
    return found


def _payment_for_reference(reference: str) -> Payment | None:
    payment = Payment.objects.filter(reference=reference, method=Payment.Method.VIETQR).first()
    if payment is None:
        checkout = checkout_get_by_reference(reference)
        if checkout is not None:
            try:
                payment = payment_start(checkout=checkout, method=Payment.Method.VIETQR)
            except PaymentError:
                return None
    return payment


def _match(row: StatementRow) -> tuple[str, Payment | None, str]:
    references = memo_references(row.memo)
    if not references:
        return BankTransaction.Status.REVIEW, None, "no reference in memo"
    payments = [p for p in (_payment_for_reference(r) for r in sorted(references)) if p]
    if len(payments) != 1:
        reason = "several references" if len(payments) > 1 else "unknown reference"
        return BankTransaction.Status.REVIEW, None, reason
    payment = payments[0]
    if row.amount_vnd != payment.amount_vnd:
        return BankTransaction.Status.REVIEW, payment, "amount differs"
    if payment.status != Payment.Status.PENDING:
        return BankTransaction.Status.REVIEW, payment, "payment not pending"
    return BankTransaction.Status.MATCHED, payment, ""


def statement_import(*, upload, actor, context: AuditContext | None = None) -> StatementImport:
    rows, problems = statement_parse(upload)
    statement = StatementImport.objects.create(
        uploaded_by=actor,
        original_name=(getattr(upload, "name", "") or "")[:200],
        problems=problems,
    )
    for row in rows:
        if BankTransaction.objects.filter(bank_transaction_id=row.transaction_id).exists():
            statement.duplicate_count += 1
            continue
        try:
            with transaction.atomic():
                status, payment, reason = _match(row)
                record = BankTransaction.objects.create(
                    statement=statement,
                    bank_transaction_id=row.transaction_id,
                    booked_at=row.booked_at,
                    amount_vnd=row.amount_vnd,
                    memo=row.memo,
                    status=status,
                    payment=payment,
                    review_reason=reason,
                )
                if status == BankTransaction.Status.MATCHED and not payment_capture(
                    payment_id=payment.pk,
                    provider_transaction=row.transaction_id,
                    source="statement",
                ):
                    record.status = BankTransaction.Status.REVIEW
                    record.review_reason = "payment not pending"
                    record.save(update_fields=["status", "review_reason"])
        except IntegrityError:
            statement.duplicate_count += 1
            continue
        if record.status == BankTransaction.Status.MATCHED:
            statement.matched_count += 1
        else:
            statement.review_count += 1
    statement.save(update_fields=["matched_count", "review_count", "duplicate_count"])
    audit_record(
        context=context or AuditContext(actor=actor),
        action="payments.statement.imported",
        obj=statement,
        after={
            "matched": statement.matched_count,
            "review": statement.review_count,
            "duplicates": statement.duplicate_count,
        },
    )
    return statement


def transfer_resolve(
    *, transfer: BankTransaction, actor, credit_to: Payment | None, context=None
) -> BankTransaction:
    """Staff decide a review item: credit it to a pending payment of the same amount, or dismiss."""
    with transaction.atomic():
        transfer = BankTransaction.objects.select_for_update().get(pk=transfer.pk)
        if transfer.status != BankTransaction.Status.REVIEW:
            raise StatementError(_("This transfer was already handled."))
        if credit_to is not None:
            if credit_to.amount_vnd != transfer.amount_vnd:
                raise StatementError(_("The amounts differ; refund the payer instead."))
            if not payment_capture(
                payment_id=credit_to.pk,
                provider_transaction=transfer.bank_transaction_id,
                source="statement-review",
            ):
                raise StatementError(_("This payment is not waiting for money."))
            transfer.payment = credit_to
            transfer.status = BankTransaction.Status.RESOLVED
        else:
            transfer.status = BankTransaction.Status.DISMISSED
        transfer.save(update_fields=["payment", "status"])
        audit_record(
            context=context or AuditContext(actor=actor),
            action=f"payments.transfer.{transfer.status}",
            obj=transfer,
            after={"payment": credit_to.reference if credit_to else None},
        )
    return transfer
