"""Dashboard reads: every figure comes from the rollups (or small live tables), never from
scanning orders. Each dataset spec builds a Dataset, which pages chart and exports download."""

from .datasets import DATASETS, PAGES, SPECS, Column, Dataset, DatasetSpec
from .reads import Filters, filters_default, headline, shared_reads, sums

__all__ = [
    "DATASETS",
    "PAGES",
    "SPECS",
    "Column",
    "Dataset",
    "DatasetSpec",
    "Filters",
    "filters_default",
    "headline",
    "shared_reads",
    "sums",
]
