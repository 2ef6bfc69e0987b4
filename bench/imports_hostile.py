"""Hostile spreadsheets against the three imports: each must be refused within 2 seconds.

    .venv/bin/python bench/imports_hostile.py

Builds a throwaway SQLite database in a temp directory, migrates it and creates one seller and
one platform admin, then feeds each generated hostile file (a padded-dimension XLSX, rows of
16,384 empty cells, a value in column XFD, a zip bomb, a CSV line of 2 million cells) to the
catalog import, the bank statement import and the official statistics import, timing each from
the stored upload to the refusal. The last line printed is one JSON object: seconds per case,
max_seconds, all_refused and all_under_2s, rows_stored (products, statements and statistics
written; 0 when nothing got through) and the English refusal of each file job.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 2.0


def main() -> dict:
    tmp = tempfile.mkdtemp(prefix="phohang-bench-imports-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        PHOHANG_VAR_DIR=tmp,
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from phohang.accounts.models import User
    from phohang.catalog.models import ImportJob, Product
    from phohang.catalog.services import imports
    from phohang.core.audit import AuditContext
    from phohang.core.jobs import file_job_create, file_job_run
    from phohang.core.models import FileJob
    from phohang.core.tests import hostile_spreadsheets as hostile
    from phohang.geo.models import Address, Province, Ward
    from phohang.insights.models import OfficialStatistic, StatisticsImport
    from phohang.payments.models import BankTransaction, StatementImport
    from phohang.sellers.models import Seller

    province = Province.objects.get(code="01")
    address = Address.objects.create(
        street="1 Tràng Tiền",
        ward=Ward.objects.filter(province=province).first(),
        province=province,
    )
    seller = Seller.objects.create(
        slug="htx-thu", name="HTX Thử", name_key="htx thu", seller_type="cooperative",
        address=address, province=province,
    )  # fmt: skip
    admin = User.objects.create(email="admin@bench.invalid", is_superuser=True)

    files = {
        "padded_dimension_xlsx": (hostile.padded_dimension_xlsx, "xlsx"),
        "wide_empty_rows_xlsx": (hostile.wide_empty_rows_xlsx, "xlsx"),
        "huge_column_xlsx": (hostile.huge_column_xlsx, "xlsx"),
        "zip_bomb_xlsx": (hostile.zip_bomb_xlsx, "xlsx"),
        "huge_column_csv": (hostile.huge_column_csv, "csv"),
    }
    headers = {
        "catalog": [column.header for column in imports.COLUMNS],
        "payments.statement": ["Mã giao dịch", "Ngày", "Số tiền", "Nội dung"],
        "insights.statistics": ["indicator", "period", "value", "unit", "source"],
    }

    def catalog(data: bytes, name: str) -> tuple[float, bool]:
        upload = SimpleUploadedFile(name, data)
        job = imports.import_job_create(seller=seller, user=None, upload=upload)
        started = time.perf_counter()
        job = imports.import_job_validate(job_id=job.pk)
        return time.perf_counter() - started, job.status == ImportJob.Status.FAILED

    messages_en: dict[str, str] = {}

    def file_job(kind: str):
        def run(data: bytes, name: str):
            job = file_job_create(
                kind=kind,
                owner=admin,
                upload=SimpleUploadedFile(name, data),
                max_bytes=50 << 20,
                context=AuditContext(actor=admin),
            )
            started = time.perf_counter()
            job = file_job_run(job_id=job.pk)
            elapsed = time.perf_counter() - started
            messages_en[f"{kind}:{name}"] = job.message.get("en", "")
            return elapsed, job.status == FileJob.Status.FAILED

        return run

    importers = {
        "catalog": catalog,
        "payments.statement": file_job("payments.statement"),
        "insights.statistics": file_job("insights.statistics"),
    }
    seconds, refused = {}, []
    for importer, run in importers.items():
        for case, (make, extension) in files.items():
            elapsed, was_refused = run(make(headers[importer]), f"{case}.{extension}")
            seconds[f"{importer}:{case}"] = round(elapsed, 3)
            refused.append(was_refused)
    stored = (
        Product.objects.count()
        + StatementImport.objects.count()
        + BankTransaction.objects.count()
        + StatisticsImport.objects.count()
        + OfficialStatistic.objects.count()
    )
    return {
        "seconds": seconds,
        "max_seconds": max(seconds.values()),
        "all_refused": all(refused),
        "all_under_2s": max(seconds.values()) < LIMIT_SECONDS,
        "rows_stored": stored,
        "messages_en": messages_en,
    }


if __name__ == "__main__":
    print(json.dumps(main()))
