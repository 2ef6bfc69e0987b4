"""What every app's `api.py` uses: bilingual errors and capped pagination."""

from .errors import ApiError, api_error, api_validation_error
from .pagination import CappedPageNumberPagination

__all__ = ["ApiError", "CappedPageNumberPagination", "api_error", "api_validation_error"]
