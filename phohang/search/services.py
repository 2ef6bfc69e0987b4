"""Writes to the search projection: documents in, documents out, vocabulary kept for typo fixes."""

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from django.db import connection, transaction

from phohang.core.text import search_fold, search_normalize

from .engines import engine_for_connection
from .models import SearchDocument, SearchTerm, SearchText

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
DESCRIPTION_CHARS = 2000
_DOCUMENT_FIELDS = [
    "public_id", "title", "category_name", "category_slug", "seller_name", "seller_type",
    "province_code", "province_name", "min_price_vnd", "ocop_stars", "has_stock", "published_at",
    "url", "image_url", "rating_tenths", "rating_count",
]  # fmt: skip
_BULK_DOCUMENT_COLUMNS = ["id", "key", *_DOCUMENT_FIELDS]
_TEXT_FIELDS = [
    "title_norm", "title_folded", "category_folded", "seller_folded", "place_folded",
    "description_folded",
]  # fmt: skip
_BULK_TEXT_COLUMNS = ["document_id", *_TEXT_FIELDS]


# Categories, sellers and places are short and repeat across many products.
_fold_repeated = lru_cache(maxsize=65_536)(search_fold)


def _place_text(row: dict[str, Any]) -> str:
    # The current province name (and any place the seller gave) is what old names expand to.
    return " ".join(filter(None, [row.get("province_name") or "", row.get("place") or ""]))


def document_values(row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Field values of a document and of its text from a catalog `product_search_documents`
    dict (or a corpus row)."""
    title_norm = search_normalize(row.get("title") or "")
    seller = " ".join(filter(None, [row.get("seller_name") or "", row.get("brand") or ""]))
    document = {
        "key": str(row["id"]),
        "public_id": str(row.get("public_id") or ""),
        "title": (row.get("title") or "")[:300],
        "category_name": (row.get("category_name") or "")[:120],
        "category_slug": (row.get("category_slug") or "")[:120],
        "seller_name": (row.get("seller_name") or "")[:200],
        "seller_type": row.get("seller_type") or "",
        "province_code": row.get("province_code") or "",
        "province_name": row.get("province_name") or "",
        "min_price_vnd": row.get("min_price_vnd"),
        "ocop_stars": row.get("ocop_stars") or 0,
        "has_stock": bool(row.get("has_stock", True)),
        "published_at": row.get("published_at"),
        "url": row.get("url") or "",
        "image_url": row.get("image_url") or "",
        "rating_tenths": row.get("rating_tenths") or 0,
        "rating_count": row.get("rating_count") or 0,
    }
    text = {
        "title_norm": title_norm,
        "title_folded": search_fold(title_norm, is_normalized=True),
        "category_folded": _fold_repeated(row.get("category_name") or ""),
        "seller_folded": _fold_repeated(seller),
        "place_folded": _fold_repeated(_place_text(row)),
        "description_folded": search_fold((row.get("description") or "")[:DESCRIPTION_CHARS]),
    }
    return document, text


def document_from_row(row: dict[str, Any]) -> tuple[SearchDocument, SearchText]:
    """A document and its text (unsaved) from a catalog or corpus row."""
    document, text = document_values(row)
    return SearchDocument(**document), SearchText(**text)


def _vocabulary(texts: list[SearchText] | list[dict[str, Any]]) -> Counter[str]:
    words: Counter[str] = Counter()
    for each in texts:
        fields = each if isinstance(each, dict) else each.__dict__
        text = " ".join(
            [
                fields["title_folded"],
                fields["category_folded"],
                fields["seller_folded"],
                fields["place_folded"],
            ]
        )
        words.update({word for word in text.split() if 2 <= len(word) <= 40 and not word.isdigit()})
    return words


def _terms_add(words: Counter[str]) -> None:
    table = SearchTerm._meta.db_table
    sql = (
        f"INSERT INTO {table} (term, frequency) VALUES (%s, %s)"  # noqa: S608
        f" ON CONFLICT (term) DO UPDATE SET frequency = {table}.frequency + excluded.frequency"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, sorted(words.items()))


def documents_upsert(*, rows: Iterable[dict[str, Any]]) -> int:
    """Insert or refresh documents by key; returns how many were written."""
    pairs = {}
    for row in rows:
        document, text = document_from_row(row)
        pairs[document.key] = (document, text)
    if not pairs:
        return 0
    documents = [document for document, _ in pairs.values()]
    texts = [text for _, text in pairs.values()]
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            documents,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=_DOCUMENT_FIELDS,
        )
        ids = dict(SearchDocument.objects.filter(key__in=list(pairs)).values_list("key", "id"))
        for document, text in pairs.values():
            text.document_id = ids[document.key]
        SearchText.objects.bulk_create(
            texts,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["document"],
            update_fields=_TEXT_FIELDS,
        )
        _terms_add(_vocabulary(texts))
    return len(documents)


def documents_delete(*, keys: Iterable[str]) -> int:
    deleted, _ = SearchDocument.objects.filter(key__in=[str(key) for key in keys]).delete()
    return deleted


def index_clear() -> None:
    with transaction.atomic():
        SearchText.objects.all().delete()
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def index_build(
    *, rows: Iterable[dict[str, Any]], progress: Callable[[int], None] | None = None
) -> int:
    """Load documents in batches (fresh index or refresh); `progress` gets each batch's size."""
    if SearchDocument.objects.exists():
        written = 0
        for batch in _batches(rows, BATCH_SIZE):
            written += documents_upsert(rows=batch)
            if progress:
                progress(len(batch))
    else:
        written = _bulk_load(rows, progress)
    index_optimize()
    return written


def _bulk_load(rows: Iterable[dict[str, Any]], progress: Callable[[int], None] | None) -> int:
    """Fill an empty index: plain inserts (COPY on PostgreSQL), the vocabulary written once, and
    the GIN indexes built after the load rather than updated row by row."""
    engine = engine_for_connection()
    written, next_id, seen, repeated = 0, 1, set(), []
    words: Counter[str] = Counter()
    with transaction.atomic():
        engine.bulk_load_begin()
        for batch in _batches(rows, BATCH_SIZE):
            documents, texts = [], []
            for row in batch:
                document, text = document_values(row)
                if document["key"] in seen:
                    # A key given twice: the later row wins, as documents_upsert would decide.
                    repeated.append(row)
                    continue
                seen.add(document["key"])
                document["id"] = text["document_id"] = next_id
                next_id += 1
                documents.append(document)
                texts.append(text)
            engine.bulk_insert(
                SearchDocument._meta.db_table,
                _BULK_DOCUMENT_COLUMNS,
                [
                    tuple(document[name] for name in _BULK_DOCUMENT_COLUMNS)
                    for document in documents
                ],
            )
            engine.bulk_insert(
                SearchText._meta.db_table,
                _BULK_TEXT_COLUMNS,
                [tuple(text[name] for name in _BULK_TEXT_COLUMNS) for text in texts],
            )
            words.update(_vocabulary(texts))
            written += len(documents)
            if progress:
                progress(len(batch))
        engine.bulk_insert(SearchTerm._meta.db_table, ["term", "frequency"], sorted(words.items()))
        engine.bulk_load_end()
    for batch in _batches(repeated, BATCH_SIZE):
        documents_upsert(rows=batch)
    return written


def index_optimize() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        else:
            cursor.execute("ANALYZE search_searchdocument")
            cursor.execute("ANALYZE search_searchtext")
            cursor.execute("ANALYZE search_searchterm")


def products_sync(*, product_ids: Iterable[int]) -> None:
    """Bring the listed products up to date: published ones indexed, all others removed."""
    from phohang.catalog.selectors import product_search_documents

    ids = [int(pk) for pk in product_ids]
    rows = list(product_search_documents(ids))
    documents_upsert(rows=rows)
    found = {str(row["id"]) for row in rows}
    documents_delete(keys=[str(pk) for pk in ids if str(pk) not in found])


def on_product_changed(
    sender: object, *, product_id: int, action: str = "", **kwargs: object
) -> None:
    """Receiver of catalog.events.product_changed (sent after commit)."""
    # The catalog change is already committed; a failing projection must not turn it into an
    # error page. `manage.py search_reindex` repairs any drift.
    try:
        products_sync(product_ids=[product_id])
    except Exception:
        logger.exception("search index update failed for product %s (%s)", product_id, action)


def on_products_changed(
    sender: object, *, product_ids: list[int], action: str = "", **kwargs: object
) -> None:
    """Receiver of catalog.events.products_changed: one batched sync for a bulk change."""
    # Subscribing here means the catalog stops sending per-id product_changed for bulk
    # changes, so each product is indexed once.
    try:
        for start in range(0, len(product_ids), BATCH_SIZE):
            products_sync(product_ids=product_ids[start : start + BATCH_SIZE])
    except Exception:
        logger.exception(
            "search index update failed for %s products (%s)", len(product_ids), action
        )
