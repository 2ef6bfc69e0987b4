"""Vietnamese text handling shared by forms, search, matching and imports."""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

# Characters that are invisible or change text direction; never allowed in identifiers.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES_RE = re.compile(r"\s+")

# Old-style tone placement (hoà, thuỷ) to the modern one (hòa, thủy) used by most keyboards.
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_OLD_TO_NEW_TONE = [
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
]
_OLD_TONE_RE = {
    old: re.compile(rf"(?<![qg]){old}(?![a-zđăâêôơư])", re.IGNORECASE)
    for old, _ in _OLD_TO_NEW_TONE
}
_NEW_TONE = dict(_OLD_TO_NEW_TONE)


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC, the one form the database stores."""
    return unicodedata.normalize("NFC", value)


def clean_free_text(value: str) -> str:
    """NFC, no control or bidi-override characters; keeps ZWJ/ZWNJ and line breaks."""
    value = nfc(value)
    value = _BIDI_RE.sub("", value)
    value = _CONTROL_RE.sub("", value)
    return value.replace("\r\n", "\n").strip()


def clean_line(value: str) -> str:
    """A single-line name or title: free-text cleaning plus collapsed whitespace."""
    value = clean_free_text(value)
    value = _ZERO_WIDTH_RE.sub("", value)
    return _SPACES_RE.sub(" ", value).strip()


def clean_identifier(value: str) -> str:
    """An identifier (SKU, code, username): no invisible characters and no spaces at the ends."""
    return _ZERO_WIDTH_RE.sub("", clean_line(value))


def has_invisible_characters(value: str) -> bool:
    return bool(_ZERO_WIDTH_RE.search(value) or _BIDI_RE.search(value))


def modern_tone_placement(value: str) -> str:
    """Move tone marks to the modern position (hoà → hòa, thuỷ → thủy)."""
    value = nfc(value)

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        new = _NEW_TONE[text.lower()]
        return new.upper() if text.isupper() else (new.capitalize() if text[0].isupper() else new)

    for old, pattern in _OLD_TONE_RE.items():
        if old in value.lower():
            value = pattern.sub(replace, value)
    return value


def fold(value: str) -> str:
    """Lower-case ASCII form: diacritics removed, đ → d (for search keys and slugs)."""
    value = unicodedata.normalize("NFD", nfc(value).lower())
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
    return value.replace("đ", "d")


def comparison_key(value: str) -> str:
    """Key under which two spellings of one name count as the same (case, NFC/NFD, spaces)."""
    return _SPACES_RE.sub(" ", modern_tone_placement(clean_identifier(value)).casefold()).strip()


def slugify_vi(value: str, max_length: int = 80) -> str:
    """ASCII slug of a Vietnamese title: "Chè Tân Cương" → "che-tan-cuong"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")
    return slug[:max_length].strip("-") or "n-a"


# Units people write with or without a space, in many spellings; canonical short form.
_UNIT_ALIASES = {
    "kg": "kg",
    "kgs": "kg",
    "kilogram": "kg",
    "kilo": "kg",
    "ký": "kg",
    "ki": "kg",
    "g": "g",
    "gr": "g",
    "gram": "g",
    "gam": "g",
    "grams": "g",
    "mg": "mg",
    "l": "l",
    "lít": "l",
    "lit": "l",
    "litre": "l",
    "liter": "l",
    "ml": "ml",
    "cc": "ml",
    "cm": "cm",
    "mm": "mm",
    "m": "m",
    "oz": "oz",
    "gb": "gb",
    "tb": "tb",
    "mah": "mah",
    "w": "w",
    "inch": "inch",
}
_UNIT_RE = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*("
    + "|".join(sorted((re.escape(unit) for unit in _UNIT_ALIASES), key=len, reverse=True))
    + r")(?!\w)"
)
_SEARCH_TOKEN_RE = re.compile(r"[^\W_]+")
SEARCH_MAX_QUERY_CHARS = 200


def _unit(match: re.Match[str]) -> str:
    number = match.group(1).replace(",", ".")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number + _UNIT_ALIASES[match.group(2)]


def search_normalize(value: str) -> str:
    """The one search form of documents and queries: NFC, modern tones, lower case, units, no punctuation.

    Diacritics are kept ("cà phê 500g"); `search_fold` gives the second, folded form.
    """
    value = clean_line(value)
    value = _ZERO_WIDTH_RE.sub("", _BIDI_RE.sub("", value))
    value = modern_tone_placement(value).lower()
    value = _UNIT_RE.sub(_unit, value)
    return " ".join(_SEARCH_TOKEN_RE.findall(value))


def _fold_table() -> dict[int, str]:
    ranges = [range(0x80, 0x250), range(0x370, 0x400), range(0x1E00, 0x1F00)]
    table = {}
    for code in (code for block in ranges for code in block):
        folded = fold(chr(code))
        if folded != chr(code):
            table[code] = folded
    return table


_FOLD_TABLE = _fold_table()
_COMBINING_RE = re.compile("[\u0300-\u036f]")


def search_fold(value: str, *, is_normalized: bool = False) -> str:
    """`search_normalize` without diacritics and with đ → d ("cà phê đà lạt" → "ca phe da lat").

    Pass `is_normalized=True` when `value` already came from `search_normalize` (a fast path).
    """
    if not is_normalized:
        value = search_normalize(value)
    return _COMBINING_RE.sub("", value.translate(_FOLD_TABLE))


# Mass of one unit of what a name states; a millilitre of food or drink is taken as a gram.
_GRAMS_PER_UNIT = {"mg": 0.001, "g": 1, "kg": 1000, "ml": 1, "l": 1000}
_COUNT_TIMES_RE = re.compile(r"(\d+)\s*[x×]\s*$", re.IGNORECASE)


def grams_stated(value: str) -> int | None:
    """Grams of the last weight or volume a name states ("Túi 2 kg" → 2000, "Chai 500 ml" → 500,
    "Hộp 6 × 330 ml" → 1980, "Con 1,8 kg" → 1800); None when it states none."""
    text = clean_line(value).lower()
    found = None
    for match in _UNIT_RE.finditer(text):
        unit = _UNIT_ALIASES[match.group(2)]
        if unit in _GRAMS_PER_UNIT:
            found = match
    if found is None:
        return None
    number = found.group(1)
    # "1.000 g" is a thousand grams: a dot before exactly three digits groups thousands.
    number = re.sub(r"\.(\d{3})$", r"\1", number).replace(",", ".")
    amount = float(number)
    count = _COUNT_TIMES_RE.search(text[: found.start()])
    if count:
        amount *= int(count.group(1))
    grams = round(amount * _GRAMS_PER_UNIT[_UNIT_ALIASES[found.group(2)]])
    return grams if grams > 0 else None


# Cyrillic and Greek letters drawn like Latin ones (the common part of Unicode's confusables
# table): "Нợр tác хã" must not pass for "Hợp tác xã" (FUZ-04).
_LOOKALIKES = str.maketrans(
    # Cyrillic
    "АВЕЅІЈКМНОРСТХУаеіјорсухѕԁһԛԝ"
    # Greek
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυχ",
    "ABESIJKMHOPCTXYaeijopcyxsdhqwABEZHIKMNOPTYXaikvoptux",
)
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK")


def lookalike_key(value: str) -> str:
    """`comparison_key` after Cyrillic and Greek look-alikes are read as the Latin letters."""
    decomposed = unicodedata.normalize("NFD", value).translate(_LOOKALIKES)
    return comparison_key(unicodedata.normalize("NFC", decomposed))


def mixes_lookalike_scripts(value: str) -> bool:
    """True when Latin letters share `value` with Cyrillic or Greek ones (a spoofing pattern)."""
    scripts = {unicodedata.name(char, "").split(" ")[0] for char in value if char.isalpha()}
    return "LATIN" in scripts and any(script in scripts for script in _LOOKALIKE_SCRIPTS)


# Vietnamese dictionary order: ă and â follow a, đ follows d, ê follows e, ô and ơ follow o, ư
# follows u; the letters Vietnamese does not use (f, j, w, z) keep their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: 100 + index for index, letter in enumerate(_ALPHABET)}
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# Tones are compared only between names whose letters are all the same: no tone, huyền, hỏi,
# ngã, sắc, nặng (the order of Vietnamese dictionaries and of ICU's "vi" collation).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SPACE_RANK, _PUNCTUATION_RANK, _DIGIT_RANK, _OTHER_RANK = 1, 2, 10, 1000


def _letters(value: str) -> Iterator[tuple[str, int, bool]]:
    """(base letter with its vowel marks, tone rank, is upper case) for each character."""
    for char in nfc(value):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        for mark in marks:
            if mark in _TONE_RANK:
                tone = _TONE_RANK[mark]
            else:
                base += mark
        letter = unicodedata.normalize("NFC", base)
        yield letter.lower(), tone, letter != letter.lower()


def _primary(letter: str) -> int:
    rank = _LETTER_RANK.get(letter)
    if rank is not None:
        return rank
    if letter.isdigit() and len(letter) == 1 and letter.isascii():
        return _DIGIT_RANK + int(letter)
    if letter.isspace():
        return _SPACE_RANK
    if not letter.isalnum():
        return _PUNCTUATION_RANK
    return _OTHER_RANK + ord(letter[0])


type CollationKey = tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...], str]


def collation_key(value: str) -> CollationKey:
    """Sort key for Vietnamese text: "Cà Mau" < "Cao Bằng" < "Đà Nẵng" < "Điện Biên".

    Letters first (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; case and tones ignored), then
    tones letter by letter, then lower case before upper case, as in ICU's Vietnamese collation.
    """
    letters = list(_letters(clean_line(value)))
    return (
        tuple(_primary(letter) for letter, _, _ in letters),
        tuple(tone for _, tone, _ in letters),
        tuple(is_upper for _, _, is_upper in letters),
        value,
    )


def sorted_vietnamese[T](items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """`items` in Vietnamese dictionary order of `key(item)`."""
    return sorted(items, key=lambda item: collation_key(key(item)))
