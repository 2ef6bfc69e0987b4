from django.db import models


class SearchDocument(models.Model):
    """One searchable product: the catalog's projection plus normalised text for the engines."""

    key = models.CharField(max_length=64, unique=True)
    public_id = models.CharField(max_length=64, blank=True)
    title = models.CharField(max_length=300)
    category_name = models.CharField(max_length=120, blank=True)
    category_slug = models.CharField(max_length=120, blank=True, db_index=True)
    seller_name = models.CharField(max_length=200, blank=True)
    seller_type = models.CharField(max_length=20, blank=True)
    province_code = models.CharField(max_length=2, blank=True)
    province_name = models.CharField(max_length=80, blank=True)
    min_price_vnd = models.PositiveBigIntegerField(null=True, blank=True)
    ocop_stars = models.PositiveSmallIntegerField(default=0)
    has_stock = models.BooleanField(default=True)
    # Average of published reviews in tenths of a star (45 = 4.5), and how many there are.
    rating_tenths = models.PositiveSmallIntegerField(default=0)
    rating_count = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    url = models.CharField(max_length=300, blank=True)
    image_url = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["min_price_vnd"], name="search_doc_price"),
            models.Index(fields=["-published_at"], name="search_doc_newest"),
            models.Index(
                fields=["-rating_tenths", "-rating_count", "-id"], name="search_doc_rating"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SearchText(models.Model):
    """Normalised text of a document, read by the engines; kept apart so facet scans stay narrow."""

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    # phohang.core.text.search_normalize (title_norm) and search_fold (the rest).
    title_norm = models.TextField()
    title_folded = models.TextField()
    category_folded = models.TextField(blank=True)
    seller_folded = models.TextField(blank=True)
    place_folded = models.TextField(blank=True)
    description_folded = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.title_norm


class SearchTerm(models.Model):
    """A folded word seen in titles, categories, sellers or places: the vocabulary for typo fixes."""

    term = models.CharField(max_length=40, unique=True)
    frequency = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.term
