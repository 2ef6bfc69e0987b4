import pytest
from django.urls import reverse

from phohang.catalog.services.products import product_hide, product_suspend
from phohang.catalog.tests.factories import ProductFactory, VariantFactory
from phohang.core.audit import AuditContext
from phohang.search.selectors import product_search
from phohang.search.services import products_sync

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _urls_loaded():
    # Importing the URLconf on first reverse() takes seconds; it is not indexing time.
    reverse("search:results")


def _keys(query: str) -> list[str]:
    return [document.key for document in product_search(query=query).documents]


def _after_commit(callbacks) -> None:
    for callback in callbacks:
        callback()


def test_published_product_is_findable_and_suspended_one_gone_once_the_catalog_commits(
    django_capture_on_commit_callbacks,
):
    """The index follows the catalog's commit (how fast: bench/search/sync.py)."""
    from phohang.catalog.models import Product
    from phohang.catalog.services.products import product_publish

    product = ProductFactory(title="Mật ong bạc hà Mèo Vạc", status=Product.Status.HIDDEN)
    VariantFactory(product=product)
    with django_capture_on_commit_callbacks() as published:
        product_publish(product=product, context=AuditContext())
    before_commit = _keys("mat ong bac ha")
    _after_commit(published)
    found = _keys("mat ong bac ha")
    with django_capture_on_commit_callbacks() as suspended:
        product_suspend(product=product, reason="Sai nhãn xuất xứ", context=AuditContext())
    _after_commit(suspended)
    gone = _keys("mat ong bac ha")

    assert (before_commit, found, gone) == ([], [str(product.pk)], [])


def test_product_changed_signal_follows_publish_and_hide(django_capture_on_commit_callbacks):
    from phohang.catalog.models import Product
    from phohang.catalog.services.products import product_publish

    product = ProductFactory(title="Bưởi Diễn loại một", status=Product.Status.HIDDEN)
    VariantFactory(product=product)

    with django_capture_on_commit_callbacks(execute=True):
        product_publish(product=product, context=AuditContext())
    published = _keys("buoi dien")
    with django_capture_on_commit_callbacks(execute=True):
        product_hide(product=product, context=AuditContext())
    hidden = _keys("buoi dien")

    assert (published, hidden) == ([str(product.pk)], [])


def test_indexed_row_carries_catalog_fields(django_capture_on_commit_callbacks):
    product = ProductFactory(title="Chè Tân Cương đặc biệt", min_price_vnd=250_000)
    VariantFactory(product=product)

    products_sync(product_ids=[product.pk])

    document = product_search(query="che tan cuong").documents[0]
    assert (document.title, document.min_price_vnd, document.province_code, document.has_stock) == (
        "Chè Tân Cương đặc biệt",
        250_000,
        "01",
        True,
    )


def test_search_reindex_command_indexes_published_products_only(capsys):
    from django.core.management import call_command

    from phohang.catalog.models import Product

    published = ProductFactory(title="Gạo tám xoan Hải Hậu")
    VariantFactory(product=published)
    hidden = ProductFactory(title="Gạo tám thơm", status=Product.Status.HIDDEN)
    VariantFactory(product=hidden)

    call_command("search_reindex")

    assert _keys("gao tam") == [str(published.pk)]
    assert "Indexed 1 published of 2 products" in capsys.readouterr().out


def test_catalog_import_indexes_published_products_once(django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from phohang.catalog.events import product_changed
    from phohang.catalog.services import imports
    from phohang.sellers.tests.factories import SellerFactory

    seller = SellerFactory(is_verified=True)
    data = (
        "Mã SKU,Tên sản phẩm,Phân loại,Danh mục,Tỉnh/thành xuất xứ,Đơn vị,Giá (đồng),Tồn kho\r\n"
        "NM-1,Nước mắm nhĩ Phú Quốc,Chai 500 ml,nuoc-mam-gia-vi,An Giang,chai,120000,10\r\n"
        "NM-2,Nước mắm cá cơm Phú Quốc,Chai 1 l,nuoc-mam-gia-vi,An Giang,chai,210000,5\r\n"
    ).encode()
    per_product = []

    def listener(sender, product_id, action, **kwargs):
        per_product.append(product_id)

    product_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = imports.import_job_create(
                seller=seller, user=None, upload=SimpleUploadedFile("hang.csv", data)
            )
            job = imports.import_job_validate(job_id=job.pk)
            # The import task runs on commit (immediate backend) and queues the bulk event.
            imports.import_job_start(job=job, publish=True, context=None)
    finally:
        product_changed.disconnect(listener)

    job.refresh_from_db()
    assert (job.created_count, job.failed_count) == (2, 0)
    titles = sorted(
        document.title for document in product_search(query="nuoc mam phu quoc").documents
    )
    assert titles == ["Nước mắm cá cơm Phú Quốc", "Nước mắm nhĩ Phú Quốc"]
    # The bulk receiver indexed them; no per-product event indexed them a second time.
    assert per_product == []


def test_indexed_row_carries_the_products_rating():
    product = ProductFactory(title="Mật ong hoa nhãn Hưng Yên", rating_tenths=46, rating_count=12)
    VariantFactory(product=product)

    products_sync(product_ids=[product.pk])

    document = product_search(query="mat ong hoa nhan").documents[0]
    assert (document.rating_tenths, document.rating_count) == (46, 12)
