import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from phohang.catalog.models import ImportJob, Product, ProductVariant, StockMovement
from phohang.catalog.services import imports
from phohang.core.tests import hostile_spreadsheets as hostile
from phohang.sellers.tests.factories import SellerFactory

from .factories import VariantFactory

pytestmark = pytest.mark.django_db

HEADER = "Mã SKU,Tên sản phẩm,Phân loại,Danh mục,Tỉnh/thành xuất xứ,Đơn vị,Giá (đồng),Tồn kho"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letter (maybe with a hat) plus a combining tone mark."""
    import unicodedata

    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return out


def _run(seller, data: bytes, name: str = "hang.csv", publish: bool = False) -> ImportJob:
    job = imports.import_job_create(seller=seller, user=None, upload=SimpleUploadedFile(name, data))
    job = imports.import_job_validate(job_id=job.pk)
    if job.status == ImportJob.Status.VALIDATED and job.valid_rows:
        imports.import_job_start(job=job, publish=publish, context=None)
        job = imports.import_job_run(job_id=job.pk, publish=publish, actor_id=None)
    return job


GOOD = [
    'CHE-1,Chè Tân Cương,Gói 500 g,che-tra,Thái Nguyên,gói,"180.000",10',
    'CHE-2,Chè Tân Cương,Gói 1 kg,che-tra,Thái Nguyên,gói,"350,000",5',
    "ST25-5,Gạo ST25,Túi 5 kg,gao-ngu-coc,Cần Thơ,túi,185000,100",
]


def test_import_validates_all_rows_and_reports_exactly_the_bad_ones():
    seller = SellerFactory()
    rows = [
        *GOOD,
        "BAD-1,Mật ong bạc hà,Chai 500 ml,mat-ong,Tuyên Quang,chai,-250000,3",
        "CHE-1,Chè trùng SKU,Gói,che-tra,Thái Nguyên,gói,100000,1",
        "=HYPERLINK(1),Tên,Gói,che-tra,Thái Nguyên,gói,100000,1",
        "",
        "NO-PROV,Nước mắm,Chai,nuoc-mam-gia-vi,Atlantis,chai,90000,1",
    ]

    job = _run(seller, _csv(*rows))

    assert (job.status, job.total_rows, job.valid_rows) == ("done", 7, 3)
    assert [(p["row"], p["column"]) for p in job.problems] == [
        (5, "Giá (đồng)"),
        (6, "Mã SKU"),
        (7, "Mã SKU"),
        (9, "Tỉnh/thành xuất xứ"),
    ]
    assert (job.created_count, job.updated_count, job.failed_count) == (3, 0, 0)
    assert Product.objects.filter(seller=seller).count() == 2
    che = Product.objects.get(seller=seller, title="Chè Tân Cương")
    assert sorted(che.variants.values_list("sku", "price_vnd")) == [
        ("CHE-1", 180_000),
        ("CHE-2", 350_000),
    ]
    assert (che.status, che.min_price_vnd, che.origin_province.code) == ("draft", 180_000, "19")


def test_reimport_updates_by_sku_without_duplicates():
    seller = SellerFactory()
    _run(seller, _csv(*GOOD))

    job = _run(seller, _csv(*[row.replace("185000", "190000") for row in GOOD]))

    assert (job.created_count, job.updated_count) == (0, 3)
    assert ProductVariant.objects.filter(seller=seller).count() == 3
    assert ProductVariant.objects.get(seller=seller, sku="ST25-5").price_vnd == 190_000


def test_import_reads_windows_1258_utf16_and_bom():
    seller = SellerFactory()
    text = "\r\n".join([HEADER, GOOD[2]]) + "\r\n"

    for index, data in enumerate(
        [
            text.encode("utf-16"),
            b"\xef\xbb\xbf" + text.encode("utf-8"),
            cp1258(text.replace("ST25-5", "ST25-W")),
        ]
    ):
        job = _run(seller, data)
        assert job.status == "done", (index, job.message, job.problems)
        assert job.problems == []

    titles = set(Product.objects.filter(seller=seller).values_list("title", flat=True))
    assert titles == {"Gạo ST25"}


def test_import_handles_quoted_newlines_and_semicolons():
    seller = SellerFactory()
    header = HEADER.replace(",", ";") + ";Mô tả"
    row = 'X-1;Lụa Vạn Phúc;Khăn;lua-to-tam;Hà Nội;cái;450.000;4;"Dòng một\nDòng hai"'

    job = _run(seller, _csv(row, header=header))

    assert job.problems == []
    assert Product.objects.get(seller=seller).description == "Dòng một\nDòng hai"


def test_import_refuses_missing_columns_and_huge_files(settings):
    seller = SellerFactory()

    job = _run(seller, _csv("A,B", header="Mã SKU,Tên sản phẩm"))
    assert job.status == "failed"
    assert "Danh mục" in job.message

    rows = [
        f"S{i},Hàng {i},Gói,che-tra,Hà Nội,gói,1000,1" for i in range(imports.MAX_IMPORT_ROWS + 1)
    ]
    job = _run(seller, _csv(*rows))
    assert job.status == "failed"
    assert "20.000" in job.message
    assert Product.objects.filter(seller=seller).count() == 0


def test_import_xlsx_with_formula_cell_is_reported():
    seller = SellerFactory()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["X-1", "Gốm Bát Tràng", "Bình", "gom-su", "Hà Nội", "cái", 650000, 3])
    sheet.append(["X-2", "=1+1", "Bình", "gom-su", "Hà Nội", "cái", 650000, 3])
    buffer = io.BytesIO()
    workbook.save(buffer)

    job = _run(seller, buffer.getvalue(), name="hang.xlsx")

    assert [(p["row"], p["column"]) for p in job.problems] == [(3, "Tên sản phẩm")]
    assert job.created_count == 1


def test_import_row_below_reserved_stock_fails_alone():
    variant = VariantFactory(sku="ST25-5", stock_on_hand=10, stock_reserved=8)
    seller = variant.seller

    job = _run(seller, _csv(GOOD[0], GOOD[2].replace(",100", ",5")))

    assert (job.created_count, job.failed_count) == (1, 1)
    variant.refresh_from_db()
    assert (variant.stock_on_hand, variant.price_vnd) == (10, 180_000)


def test_export_escapes_formula_cells_and_round_trips():
    variant = VariantFactory(sku="=CMD|calc", product__title="+Chè đặc biệt")

    data = imports.write_csv(imports.export_rows(variant.seller))
    xlsx = load_workbook(io.BytesIO(imports.write_xlsx(imports.export_rows(variant.seller))))

    text = data.decode("utf-8-sig")
    assert "'=CMD|calc" in text
    assert "'+Chè đặc biệt" in text
    cells = [c.value for c in next(xlsx.active.iter_rows(min_row=2, max_row=2))]
    assert cells[0] == "'=CMD|calc"
    assert cells[1] == "'+Chè đặc biệt"
    job = _run(variant.seller, data)
    assert (job.problems, job.updated_count) == ([], 1)
    variant.refresh_from_db()
    assert variant.sku == "=CMD|calc"


def test_import_of_many_chunks_creates_updates_and_records_stock_once():
    seller = SellerFactory()
    rows = [
        f"K-{n},Chè lô {n // 2},Gói {n % 2 + 1},che-tra,Thái Nguyên,gói,{100 + n}000,{n % 7}"
        for n in range(imports.IMPORT_CHUNK_ROWS * 2 + 51)
    ]
    total = len(rows)

    first = _run(seller, _csv(*rows), publish=True)

    assert (first.created_count, first.failed_count, first.processed_rows) == (total, 0, total)
    assert Product.objects.filter(seller=seller).count() == (total + 1) // 2
    assert StockMovement.objects.filter(variant__seller=seller).count() == sum(
        1 for n in range(total) if n % 7
    )
    lot = Product.objects.get(seller=seller, title="Chè lô 0")
    assert (lot.status, lot.min_price_vnd) == ("published", 100_000)

    second = _run(seller, _csv(*[row.replace(",gói,1", ",gói,9") for row in rows[:3]]))

    assert second.updated_count == 3
    lot.refresh_from_db()
    assert lot.min_price_vnd == 900_000
    assert sorted(lot.variants.values_list("sku", "price_vnd")) == [
        ("K-0", 900_000),
        ("K-1", 901_000),
    ]


def test_chunk_refused_by_the_database_is_written_row_by_row():
    seller = SellerFactory()
    job = imports.import_job_create(
        seller=seller, user=None, upload=SimpleUploadedFile("a.csv", _csv(*GOOD))
    )
    valid, _problems, _total, _encoding = imports.parse_and_validate(
        job.file.read(), "a.csv", seller
    )
    writer = imports.RowWriter(seller, publish=False, actor_id=None)
    # Another upload takes CHE-2 after this writer loaded the seller's SKUs.
    VariantFactory(product__seller=seller, seller=seller, sku="CHE-2")

    results = writer.write_chunk(valid)

    assert [(row["sku"], outcome) for row, outcome in results if isinstance(outcome, str)] == [
        ("CHE-1", "created"),
        ("ST25-5", "created"),
    ]
    [(row, error)] = [(row, o) for row, o in results if isinstance(o, Exception)]
    assert row["sku"] == "CHE-2"
    assert sorted(ProductVariant.objects.filter(seller=seller).values_list("sku", flat=True)) == [
        "CHE-1",
        "CHE-2",
        "ST25-5",
    ]
    assert Product.objects.get(seller=seller, title="Chè Tân Cương").min_price_vnd == 180_000


ROWS_REFUSED = (
    "Tệp có hơn 20.000 dòng (tính cả dòng trống). Hãy chia thành các tệp tối đa 20.000 dòng; "
    "chưa có gì được nhập."
)
COLUMNS_REFUSED = "Có dòng dài hơn 64 cột; chưa có gì được nhập."


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (hostile.padded_dimension_xlsx, "hang.xlsx", ROWS_REFUSED),
        (hostile.huge_column_xlsx, "hang.xlsx", COLUMNS_REFUSED),
        (hostile.wide_empty_rows_xlsx, "hang.xlsx", COLUMNS_REFUSED),
        (
            hostile.zip_bomb_xlsx,
            "hang.xlsx",
            "Tệp XLSX khi giải nén lớn hơn 64 MB; chưa có gì được nhập.",
        ),
        (hostile.huge_column_csv, "hang.csv", COLUMNS_REFUSED),
    ],
)
def test_import_refuses_hostile_files_and_stores_nothing(make, name, message):
    seller = SellerFactory()

    job = _run(seller, make(HEADER.split(",")), name=name)

    assert (job.status, job.message, job.total_rows) == ("failed", message, 0)
    assert not Product.objects.filter(seller=seller).exists()
    assert not StockMovement.objects.exists()
