"""Enter labelled-set rows (TSV) through the same forms and services as a user's posting."""

from datetime import date

from django.utils import timezone

UNITS = {
    "kg": "kg", "kilogram": "kg", "ký": "kg", "yến": "yen", "tạ": "quintal", "tấn": "tonne",
    "tan": "tonne", "lít": "l", "lit": "l", "l": "l", "cái": "piece", "chiếc": "piece",
    "sản phẩm": "piece", "con": "piece", "quả": "fruit", "trái": "fruit", "bộ": "set",
    "m": "m", "mét": "m", "thùng": "carton", "hộp": "box", "bao": "bag",
}  # fmt: skip
CERTIFICATIONS = {
    "vietgap": "vietgap", "globalgap": "globalgap", "organic": "organic", "hữu cơ": "organic",
    "haccp": "haccp", "iso 22000": "iso22000", "iso22000": "iso22000", "iso 9001": "iso9001",
    "iso9001": "iso9001", "iatf 16949": "iatf16949", "iatf16949": "iatf16949",
}  # fmt: skip
# Category names as people write them → catalog category slugs (first word match wins).
CATEGORY_WORDS = [
    ("gao", "gao-ngu-coc"), ("ngu coc", "gao-ngu-coc"), ("trai cay", "trai-cay"),
    ("hoa qua", "trai-cay"), ("rau", "rau-cu"), ("thit", "thit-trung"), ("trung", "thit-trung"),
    ("thuy san", "thuy-san-tuoi"), ("hai san", "thuy-san-tuoi"), ("che", "che-tra"),
    ("tra", "che-tra"), ("ca phe", "ca-phe"), ("nuoc mam", "nuoc-mam-gia-vi"),
    ("gia vi", "nuoc-mam-gia-vi"), ("mat ong", "mat-ong"), ("banh", "banh-keo-mut"),
    ("keo", "banh-keo-mut"), ("hat", "dac-san-kho"), ("kho", "dac-san-kho"),
    ("che bien", "thit-hai-san-che-bien"), ("ruou", "ruou-dac-san"), ("do uong", "nuoc-giai-khat"),
    ("duoc lieu", "duoc-lieu"), ("tinh dau", "tinh-dau"), ("det", "thoi-trang"),
    ("may mac", "thoi-trang"), ("vai", "thoi-trang"), ("lua", "lua-to-tam"), ("gom", "gom-su"),
    ("may tre", "may-tre-dan"), ("go", "do-go"), ("thu cong", "may-tre-dan"),
    ("phan bon", "vat-tu-nong-nghiep"), ("vat tu", "vat-tu-nong-nghiep"),
    ("cong nghiep", "san-pham-cong-nghiep"), ("co khi", "san-pham-cong-nghiep"),
    ("linh kien", "san-pham-cong-nghiep"), ("dien tu", "san-pham-cong-nghiep"),
    ("bao bi", "san-pham-cong-nghiep"), ("nhua", "san-pham-cong-nghiep"),
    ("nong san", "rau-cu"), ("thuc pham", "thuc-pham"),
]  # fmt: skip
FALLBACK_CATEGORY = "hang-tieu-dung"


def months(text: str) -> list[int]:
    """ "6,7", "1-12", "11,12,1", "3-7" or "11-2" → month numbers."""
    found: list[int] = []
    for part in (text or "").replace(" ", "").split(","):
        if "-" in part:
            first, last = (int(value) for value in part.split("-", 1))
            month = first
            while True:
                found.append(month)
                if month == last:
                    break
                month = month % 12 + 1
        elif part:
            found.append(int(part))
    return list(dict.fromkeys(found))


def _number(text: str) -> str:
    return (text or "").strip().replace(".", "").replace(",", "").replace(" ", "")


class Loader:
    """Creates the sellers and buyers the postings need, then each posting through its form."""

    def __init__(self, demands: list[dict]):
        from phohang.accounts.models import User

        self.rejected: list[tuple[str, str, str]] = []
        self.user = User.objects.create(email="bench-trade@phohang.vn", full_name="Bench")
        self.sellers: dict[str, object] = {}
        self.organisations: dict[str, object] = {}
        self.categories: dict[str, int] = {}
        windows = [
            date.fromisoformat(row["window_start"]) for row in demands if row.get("window_start")
        ]
        # A labelled set written earlier keeps its dates: "today" is no later than its windows.
        self.today = min([timezone.localdate(), *windows])

    def province(self, name: str) -> str | None:
        from phohang.core.text import search_fold
        from phohang.trade.matching.text import province_of_place

        return province_of_place(tuple(search_fold(name or "").split()))

    def category(self, name: str) -> int:
        if name not in self.categories:
            self.categories[name] = self._category(name)
        return self.categories[name]

    def _category(self, name: str) -> int:
        from phohang.catalog.models import Category
        from phohang.core.text import search_fold

        folded = search_fold(name or "")
        by_name = {search_fold(c.name_vi): c.pk for c in Category.objects.filter(is_active=True)}
        if folded in by_name:
            return by_name[folded]
        padded = f" {folded} "
        slug = next((s for word, s in CATEGORY_WORDS if f" {word} " in padded), FALLBACK_CATEGORY)
        return Category.objects.get(slug=slug).pk

    def _seller(self, province: str):
        from phohang.geo.models import Address, Ward
        from phohang.sellers.models import Seller, SellerMember

        if province not in self.sellers:
            ward = Ward.objects.filter(province_id=province).first()
            address = Address.objects.create(street="Thôn 1", ward=ward, province_id=province)
            seller = Seller.objects.create(
                slug=f"bench-{province}", name=f"Nhà cung cấp {province}",
                name_key=f"bench-{province}", seller_type="cooperative", address=address,
                province_id=province,
            )  # fmt: skip
            SellerMember.objects.create(seller=seller, user=self.user, role="owner")
            self.sellers[province] = seller
        return self.sellers[province]

    def _organisation(self, province: str):
        from phohang.trade.services import organisation_create

        if province not in self.organisations:
            self.organisations[province] = organisation_create(
                user=self.user, name=f"Bên mua {province}", kind="supermarket", province_id=province
            )
        return self.organisations[province]

    def _certifications(self, text: str) -> tuple[list[str], int]:
        codes, stars = [], 0
        for word in (text or "").split(","):
            word = word.strip().lower()
            if word.startswith("ocop"):
                stars = max(stars, int(word[4:].strip() or 0))
            elif word:
                codes.append(CERTIFICATIONS.get(word, word))
        return codes, stars

    def offers(self, rows: list[dict]) -> dict[int, str]:
        """Offer pk → the row's offer_id, for every row the form and service accepted."""
        from phohang.trade.forms import OfferForm
        from phohang.trade.services import offer_create

        created = {}
        for row in rows:
            province = self.province(row.get("origin_province", ""))
            if province is None:
                self.rejected.append(("offer", row["offer_id"], "unknown origin province"))
                continue
            seller = self._seller(province)
            certifications, stars = self._certifications(row.get("certifications", ""))
            data = {
                "seller": seller.pk, "title": row.get("title", ""),
                "category": self.category(row.get("category", "")),
                "description": row.get("description", ""),
                "quantity": _number(row.get("quantity_per_month", "")),
                "unit": UNITS.get((row.get("unit") or "").strip().lower(), row.get("unit")),
                "period": "month", "season_months": months(row.get("season_months", "")),
                "origin_province": province, "price_min_vnd": _number(row.get("price_min_vnd")),
                "price_max_vnd": _number(row.get("price_max_vnd")),
                "certifications": certifications, "ocop_stars": stars,
                "minimum_order": _number(row.get("min_order")) or 0,
            }  # fmt: skip
            form = OfferForm(data, sellers=type(seller).objects.filter(pk=seller.pk))
            offer = self._save(form, "offer", row["offer_id"], offer_create, seller=seller)
            if offer is not None:
                created[offer.pk] = row["offer_id"]
        return created

    def demands(self, rows: list[dict]) -> dict[str, object]:
        """The row's demand_id → the demand, for every row the form and service accepted."""
        from phohang.trade.forms import DemandForm
        from phohang.trade.services import demand_create

        created = {}
        for row in rows:
            province = self.province(row.get("delivery_province", ""))
            if province is None:
                self.rejected.append(("demand", row["demand_id"], "unknown delivery province"))
                continue
            organisation = self._organisation(province)
            certifications, stars = self._certifications(row.get("certifications_required", ""))
            data = {
                "organisation": organisation.pk, "title": row.get("title", ""),
                "category": self.category(row.get("category", "")),
                "description": row.get("description", ""),
                "quantity": _number(row.get("quantity", "")),
                "unit": UNITS.get((row.get("unit") or "").strip().lower(), row.get("unit")),
                "frequency": (row.get("frequency") or "").strip(), "delivery_province": province,
                "delivery_start": row.get("window_start"), "delivery_end": row.get("window_end"),
                "min_ocop_stars": stars, "certifications": certifications,
                "price_ceiling_vnd": _number(row.get("price_ceiling_vnd")),
                "closing_date": row.get("window_start"), "visibility": "public",
            }  # fmt: skip
            form = DemandForm(data, user=self.user)
            demand = self._save(
                form, "demand", row["demand_id"], demand_create, organisation=organisation
            )
            if demand is not None:
                created[row["demand_id"]] = demand
        return created

    def _save(self, form, kind: str, row_id: str, service, **owner):
        from phohang.core.errors import DomainError

        if not form.is_valid():
            reasons = "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
            )
            self.rejected.append((kind, row_id, reasons))
            return None
        extra = {"today": self.today} if kind == "demand" else {}
        try:
            return service(user=self.user, data=form.to_data(), **owner, **extra)
        except DomainError as error:
            self.rejected.append((kind, row_id, f"{error.field or ''}: {error.message}"))
            return None
