"""What a demand or an offer is about, read from its title and description.

Words are folded by `core.text.search_fold` and read as concepts from the search app's maintained
list (`search.synonyms.concept_segments`: "heo" and "lợn" are one concept, "bắp cải" is not
"bắp"). Company names, stock phrases ("nguồn hàng ổn định", "số lượng lớn"), quantities,
certification names and places are not the product: they are dropped before weighing, and
places are kept apart as the growing area a buyer named.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from phohang.core.text import search_fold
from phohang.search.synonyms import (
    Segment,
    area_province,
    concept_segments,
    concepts,
    matching_words,
)

# Where a company or organisation name begins; the name runs to the next verb or punctuation.
_ORGANISATION_STARTS = [
    "cong ty co phan", "cong ty tnhh", "cong ty", "cty", "ctcp", "tnhh", "hop tac xa", "htx",
    "doanh nghiep tu nhan", "doanh nghiep", "dntn", "tap doan", "co so", "ho kinh doanh", "hkd",
    "nha may", "xi nghiep", "sieu thi", "chuoi sieu thi", "chuoi", "he thong", "trang trai",
    "nong trai", "to hop tac", "tht", "cua hang", "nha hang", "khach san", "bep an", "truong",
    "benh vien", "xuong", "vua", "dai ly", "tong cong ty", "chi nhanh", "van phong",
]  # fmt: skip
# Kinds of buyer or seller rather than legal forms: the name after them is written in capitals.
_DESCRIPTORS = {
    tuple(kind.split())
    for kind in (
        "sieu thi", "chuoi sieu thi", "chuoi", "he thong", "trang trai", "nong trai", "cua hang",
        "nha hang", "khach san", "bep an", "xuong", "vua", "dai ly", "nha may", "xi nghiep",
        "co so",
    )
}  # fmt: skip
# "Có", "xuất", "sở", "phan" also begin names (Cơ khí, Xuất nhập khẩu, Sở ..., Phan): not here.
_ORGANISATION_ENDS = {
    "can", "tim", "mua", "ban", "cung", "chuyen", "nhan", "thu", "dang", "gui", "xin", "muon",
    "giao",
}  # fmt: skip

# Stock phrases of postings: they say nothing about which product is meant.
_BOILERPLATE = """
can mua|can tim|can nhap|tim mua|tim|tim kiem|tim nguon|nguon hang|nguon cung|nguon cung cap|nguon|
nha cung cap|ncc|cung cap|cung ung|chuyen cung cap|chuyen|on dinh|lau dai|thuong xuyen|
so luong lon|so luong|sl|phan phoi|thu mua|bao tieu|hop tac|doi tac|lien he|lh|hotline|zalo|
giao hang|giao tan noi|giao|van chuyen|thanh toan|chuyen khoan|cong no|hop dong|gia tot|
gia canh tranh|gia re|gia si|gia|chat luong cao|chat luong|dam bao|uy tin|dat chuan|dat|
tieu chuan|chung nhan|chung chi|yeu cau|uu tien|hang thang|moi thang|hang tuan|moi tuan|
hang ngay|moi ngay|hang nam|theo mua|theo dot|dot|lo hang|lo|don hang|don|dat hang|tai kho|kho hang|
tai|ve|den|cho|va|hoac|cac|loai|hang|hang hoa|san pham|sp|mat hang|cua|co|la|mot|nhung|nay|
do|de|duoc|khong|voi|tu|tren|duoi|theo|trong|khoang|toi da|toi thieu|it nhat|hon|
ban kinh|km|cach|pham vi|vung trong|vung|xuat xu|nguon goc|ro rang|truy xuat|chung toi|ben em|
em|minh|anh chi|quy|khach|khach hang|nhu cau|dang|muon|phuc vu|san xuat|dung|su dung|bep|
thi truong|dieu kien|dieu khoan|cam ket|cam on|tieu thu|tieu dung|tieu chi|muc tieu|tuong duong|
tuong tu|tuong ung|dong goi|quy cach|kich thuoc|trong luong|xin|vui long|bao gia|ho so|
nang luc|giay phep|thang|tuan|ngay|nam|moi|tot|ngon|sach|dep|lon|nho|nhieu|it|can|mua|ban|
kg|tan|ta|yen|lit|ml|cai|chiec|bo|thung|bao|hop|tui|chai|goi|con|vnd|dong|trieu|nghin|ngan|
vietgap|globalgap|global gap|viet gap|haccp|iso|iatf|ocop|sao|huu co|organic|brc|fda|halal|
mua vu|chinh vu|vu|dia chi|xuong|nha xuong|khu cong nghiep|kcn|cum cong nghiep|ccn|
nguyen lieu|danh cho|dung cho|tuong thich voi|tuong thich|phu hop voi|kinh gui|thong tin|chi tiet|mo ta|ghi chu|luu y|them|ngoai ra|can thiet|phu hop|yeu cau ky thuat
"""
_BOILERPLATE_PHRASES = frozenset(
    tuple(phrase.split()) for phrase in _BOILERPLATE.replace("\n", "").split("|") if phrase
)
_LONGEST_BOILERPLATE = max(len(phrase) for phrase in _BOILERPLATE_PHRASES)
_NUMBER_RE = re.compile(r"^\d+(?:[a-z]{0,3})$")
_PUNCTUATION_RE = re.compile(r"[-–—|,;:.!?()\[\]{}/\\\n\r\t•*+]+")
_RADIUS_RE = re.compile(
    r"(?:ban kinh|cach|trong vong|pham vi|khong qua|toi da|duoi|khoang)\D{0,40}?(\d{2,4}) ?km"
)
# Words before a place name that make it where goods are delivered, not where they grow.
_DELIVERY_CUES = {"giao", "tai", "den", "ve", "cho", "kho", "nhan"}
# Words before a place name that make it the required origin.
_ORIGIN_CUES = (
    "xuat xu", "nguon goc", "vung trong", "vung", "trong tai", "thu hoach tai", "dac san",
    "chinh goc", "chinh hieu", "nuoi tai", "san xuat tai", "che bien tai",
)  # fmt: skip
# Stock words after which a run names what the product is for.
_FOR_CUES = ("cho", "danh cho", "dung cho", "tuong thich", "tuong thich voi", "phu hop voi")
# Processing states: a demand naming one is not met by an offer naming another.
STATES = {
    "tuoi": "raw", "song": "raw", "hoi": "raw", "nhan": "raw", "tho": "raw",
    "kho": "dried", "say": "dried", "say kho": "dried", "say deo": "dried", "say gion": "dried",
    "rang": "roasted", "rang xay": "roasted", "xay": "roasted", "bot": "ground",
    "dong lanh": "frozen", "cap dong": "frozen", "dong hop": "canned", "hoa tan": "instant",
}  # fmt: skip


@dataclass
class PostingText:
    """The concepts of one posting: in the title (after company names and stock phrases) and in
    the description, each with the broader kinds it belongs to; places named; a radius."""

    title: list[Segment] = field(default_factory=list)
    description: list[Segment] = field(default_factory=list)
    origin_places: list[tuple[str, ...]] = field(default_factory=list)
    delivery_places: list[tuple[str, ...]] = field(default_factory=list)
    radius_km: int | None = None
    states: frozenset[str] = frozenset()

    def concept_weights(self) -> dict[str, int]:
        """Index terms: concepts and their kinds, 2 when the title names them, else 1."""
        weights: dict[str, int] = {}
        for weight, segments in ((1, self.description), (2, self.title)):
            for segment in segments:
                for term in (segment.concept, *segment.heads):
                    weights[term[:64]] = max(weights.get(term[:64], 0), weight)
        return weights


def _drop_organisations(text: str) -> list[list[str]]:
    """Folded word runs of `text` split at punctuation, organisation names removed."""
    runs = []
    for part in _PUNCTUATION_RE.split(text or ""):
        words, capitals = _words_with_case(part)
        # In a title written In Title Case capitals say nothing about where a name ends.
        is_title_case = sum(capitals) >= 0.6 * len(words) if words else False
        kept, index = [], 0
        while index < len(words):
            start = _organisation_at(words, index)
            if start:
                is_descriptor = tuple(map(_plain, words[index : index + start])) in _DESCRIPTORS
                index += start
                end = index
                while end < len(words) and _plain(words[end]) not in _ORGANISATION_ENDS:
                    end += 1
                if is_descriptor and not is_title_case:
                    end = _name_end(words, capitals, index, end)
                index = end
                continue
            kept.append(words[index])
            index += 1
        if kept:
            runs.append(kept)
    return runs


def _name_end(words: list[str], capitals: list[bool], start: int, end: int) -> int:
    """Where the name after "siêu thị", "chuỗi cửa hàng", ... ends: at its last word written
    with a capital ("Nhà hàng chay Sen Việt"); without one, at the first lower-case word, which
    begins what is sold or bought ("chuỗi cửa hàng thịt lợn sạch")."""
    named = [
        index
        for index in range(start, end)
        if capitals[index] and (_plain(words[index]),) not in _BOILERPLATE_PHRASES
    ]
    if named:
        return named[-1] + 1
    table = concepts()
    names_a_product = any(
        tuple(words[first : first + size]) in table.canonical
        for first in range(start, end)
        for size in range(1, min(table.longest, end - first) + 1)
    )
    if not names_a_product:
        # "nhà máy chế biến", "bếp ăn trường tiểu học": the kind of buyer runs to the verb.
        return end
    index = start
    while index < end and (capitals[index] or _organisation_at(words, index)):
        size = _organisation_at(words, index)
        if size and tuple(map(_plain, words[index : index + size])) not in _DESCRIPTORS:
            # "bếp ăn trường tiểu học": a school's name runs to the verb.
            return end
        index += max(size, 1)
    return index


def _words_with_case(text: str) -> tuple[list[str], list[bool]]:
    """Words of `text` as matching reads them, each with whether it was written with a capital."""
    words: list[str] = []
    capitals: list[bool] = []
    for raw in text.split():
        read, is_capital = _token(raw)
        words.extend(read)
        capitals.extend([is_capital] * len(read))
    return words, capitals


@lru_cache(maxsize=65536)
def _token(raw: str) -> tuple[tuple[str, ...], bool]:
    return tuple(matching_words(raw)), raw[:1].isupper() or raw[:1].isdigit()


def _organisation_at(words: list[str], index: int) -> int:
    first = _plain(words[index]) if index < len(words) else ""
    for start in _organisation_starts().get(first, ()):
        if tuple(map(_plain, words[index : index + len(start)])) == start:
            return len(start)
    return 0


@lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    """The word without diacritics: stock phrases and names are matched however written."""
    return search_fold(word, is_normalized=True)


@lru_cache(maxsize=1)
def _organisation_starts() -> dict[str, list[tuple[str, ...]]]:
    """Organisation starts by their first word, the longest first."""
    starts: dict[str, list[tuple[str, ...]]] = {}
    for start in sorted((tuple(s.split()) for s in _ORGANISATION_STARTS), key=len, reverse=True):
        starts.setdefault(start[0], []).append(start)
    return starts


def _content_runs(words: list[str]) -> list[tuple[list[str], str]]:
    """Word runs between stock phrases and numbers, each with the stock word just before it."""
    table = concepts()
    runs: list[tuple[list[str], str]] = []
    current: list[str] = []
    before = ""
    index = 0
    while index < len(words):
        size = _boilerplate_at(words, index)
        known = max(
            (
                n
                for n in range(1, min(table.longest, len(words) - index) + 1)
                if tuple(words[index : index + n]) in table.canonical
                or tuple(words[index : index + n]) in table.places
            ),
            default=0,
        )
        if known and known >= size:
            current.extend(words[index : index + known])
            index += known
            continue
        if size or _NUMBER_RE.match(words[index]):
            if current:
                runs.append((current, before))
                current = []
            before = " ".join(map(_plain, words[max(0, index - 2) : index + max(size, 1)]))
            index += max(size, 1)
            continue
        current.append(words[index])
        index += 1
    if current:
        runs.append((current, before))
    return runs


def _boilerplate_at(words: list[str], index: int) -> int:
    for size in range(min(_LONGEST_BOILERPLATE, len(words) - index), 0, -1):
        if tuple(map(_plain, words[index : index + size])) in _BOILERPLATE_PHRASES:
            return size
    return 0


def _read(text: str, *, strip_organisations: bool = True) -> tuple[list[Segment], list, list]:
    """Product segments, origin places and delivery places of one text."""
    runs = _drop_organisations(text) if strip_organisations else _plain_runs(text)
    products, origins, deliveries = [], [], []
    # What follows "cho" / "dành cho" is what the product is for, not the product ("ốp lưng
    # cho tai nghe" is no tai nghe, "gạo cho bếp ăn"): kept only when nothing else is named.
    for_products: list[Segment] = []
    for words in runs:
        for run, before in _content_runs(words):
            is_for = before.endswith(_FOR_CUES)
            previous = before
            for segment in concept_segments(run):
                phrase = tuple(run[segment.start : segment.start + segment.size])
                if segment.is_place:
                    cue = set(previous.split()[-2:])
                    is_origin = any(previous.endswith(c) for c in _ORIGIN_CUES)
                    (deliveries if cue & _DELIVERY_CUES and not is_origin else origins).append(
                        phrase
                    )
                elif not segment.concept.isdigit():
                    (for_products if is_for else products).append(segment)
                    # A place inside a product's name is where it must come from
                    # ("xoài cát Hòa Lộc", "chè Tân Cương").
                    origins.extend(_places_inside(phrase))
                previous = " ".join(map(_plain, phrase))
    return products or for_products, origins, deliveries


def _places_inside(phrase: tuple[str, ...]) -> list[tuple[str, ...]]:
    places = concepts().places
    return [
        phrase[start : start + size]
        for size in (3, 2)
        for start in range(1, len(phrase) - size + 1)
        if phrase[start : start + size] in places
    ]


def _plain_runs(text: str) -> list[list[str]]:
    return [words for part in _PUNCTUATION_RE.split(text or "") if (words := matching_words(part))]


def read_posting(title: str, description: str) -> PostingText:
    """Concepts, places, radius and processing states of a posting."""
    title_segments, origins, deliveries = _read(title)
    description_segments, description_origins, description_deliveries = _read(description)
    if not title_segments and not description_segments:
        # A title that is only a company name ("HTX Chè Tân Cương") still names the product.
        title_segments, origins, deliveries = _read(title, strip_organisations=False)
    folded_description = search_fold(description or "")
    radii = [int(value) for value in _RADIUS_RE.findall(folded_description)]
    states = frozenset(_states(title))
    return PostingText(
        title=title_segments,
        description=description_segments,
        origin_places=origins
        + [p for p in description_origins if _is_named_origin(p, description)],
        delivery_places=deliveries + description_deliveries,
        radius_km=min(radii) if radii else None,
        states=states,
    )


def _states(title: str) -> set[str]:
    """Processing states the title names ("khô", "rang xay", "đông lạnh")."""
    words = search_fold(title or "").split()
    pairs = [" ".join(pair) for pair in zip(words, words[1:], strict=False)]
    return {STATES[word] for word in [*words, *pairs] if word in STATES}


def _is_named_origin(phrase: tuple[str, ...], description: str) -> bool:
    folded = search_fold(description or "")
    place = " ".join(phrase)
    return any(f"{cue} {place}" in folded for cue in _ORIGIN_CUES)


def province_of_place(phrase: tuple[str, ...]) -> str | None:
    """Province code of a place phrase (a province, an old province, or a growing area)."""
    province = area_province(phrase)
    if province is None:
        return None
    return _province_codes().get(" ".join(province))


@lru_cache(maxsize=1)
def _province_codes() -> dict[str, str]:
    from phohang.geo.models import Province

    codes = {}
    for code, name, short_name in Province.objects.values_list("code", "name", "short_name"):
        codes[search_fold(short_name)] = code
        codes.setdefault(search_fold(name), code)
    return codes
