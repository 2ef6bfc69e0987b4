"""Bank statement import (CSV/XLSX): credit transfers whose memo names a payment and whose amount
is exact; everything else goes to the review list. A bank transaction id is credited once."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError
from phohang.core.jobs import Progress, file_job_context
from phohang.core.models import FileJob
from phohang.core.money import parse_vnd
from phohang.core.spreadsheets import SheetLimits, read_table
from phohang.core.text import fold
from phohang.orders.selectors import checkout_get_by_reference
from phohang.orders.services import reference_is_well_formed

from ..models import BankTransaction, Payment, StatementImport
from .capture import PaymentError, payment_capture, payment_start

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
SHEET_LIMITS = SheetLimits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS, max_uncompressed_bytes=40 << 20)
PROGRESS_EVERY_ROWS = 100
HEADERS = {
    "id": {"transaction_id", "transaction id", "id", "ma giao dich", "so tham chieu", "reference"},
    "amount": {"amount", "credit", "so tien", "so tien ghi co", "ghi co"},
    "memo": {"description", "memo", "noi dung", "dien giai", "noi dung chuyen khoan"},
    "date": {"date", "ngay", "ngay giao dich", "booked_at", "thoi gian"},
}


class StatementError(DomainError):
    """The file cannot be read as a statement, or a review item cannot be handled."""

    def __init__(self, message: Any, code: str = "statement") -> None:
        super().__init__(code, message)


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


def statement_parse(data: bytes, name: str) -> tuple[list[StatementRow], list[dict[str, Any]]]:
    """The credit rows of a statement and the rows that could not be read; SpreadsheetRefused or
    StatementError when the file as a whole cannot be."""
    table = read_table(data, name=name, limits=SHEET_LIMITS)
    columns = _column_map(table.header)
    parsed, problems = [], []
    for line, row in table.rows:
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


def _statement_row_import(statement: StatementImport, row: StatementRow) -> None:
    """Credit one transfer (each in its own transaction) and count what became of it."""
    if BankTransaction.objects.filter(bank_transaction_id=row.transaction_id).exists():
        statement.duplicate_count += 1
        return
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
            matched = status == BankTransaction.Status.MATCHED
            if (
                matched
                and payment is not None
                and not payment_capture(
                    payment_id=payment.pk,
                    provider_transaction=row.transaction_id,
                    source="statement",
                )
            ):
                record.status = BankTransaction.Status.REVIEW
                record.review_reason = "payment not pending"
                record.save(update_fields=["status", "review_reason"])
    except IntegrityError:
        statement.duplicate_count += 1
        return
    if record.status == BankTransaction.Status.MATCHED:
        statement.matched_count += 1
    else:
        statement.review_count += 1


def statement_import(
    *, upload: File[bytes], actor: User | None, context: AuditContext | None = None
) -> StatementImport:
    """Import an uploaded statement now (the page runs it as a file job instead)."""
    return statement_import_file(
        data=upload.read(), name=getattr(upload, "name", "") or "", actor=actor, context=context
    )


def statement_import_file(
    *,
    data: bytes,
    name: str,
    actor: User | None,
    context: AuditContext | None = None,
    progress: Progress | None = None,
) -> StatementImport:
    """Read the whole statement, then credit each new transfer once (or list it for review)."""
    rows, problems = statement_parse(data, name)
    statement = StatementImport.objects.create(
        uploaded_by=actor, original_name=name[:200], problems=problems
    )
    for done, row in enumerate(rows, start=1):
        if progress is not None and done % PROGRESS_EVERY_ROWS == 0:
            progress(done, len(rows))
        _statement_row_import(statement, row)
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


def statement_import_job(job: FileJob, data: bytes, progress: Progress) -> dict[str, int]:
    """The file job of the review page (`core.jobs`): import and report the counts."""
    statement = statement_import_file(
        data=data,
        name=job.original_name,
        actor=job.owner,
        context=file_job_context(job),
        progress=progress,
    )
    return {
        "statement": statement.pk,
        "matched": statement.matched_count,
        "review": statement.review_count,
        "duplicates": statement.duplicate_count,
    }


def statement_import_summary(result: Mapping[str, int]) -> str:
    return _(
        "Imported: %(matched)s matched, %(review)s to review, %(duplicates)s already seen."
    ) % {key: result[key] for key in ("matched", "review", "duplicates")}


def transfer_resolve(
    *,
    transfer: BankTransaction,
    actor: User,
    credit_to: Payment | None,
    context: AuditContext | None = None,
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
