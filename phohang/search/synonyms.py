"""The maintained synonym, regional-word, abbreviation and place-name list (data/synonyms.tsv).

Search expands queries with it; trade matching reads the same file as concepts: every phrase of a
"same" group has one canonical id, so "ngô", "bắp" and "bắp ngô" are one thing while "bắp cải" is
another (phrases are matched longest first).
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from phohang.core.text import search_fold, search_normalize

DATA_FILE = Path(__file__).parent / "data" / "synonyms.tsv"

Phrase = tuple[str, ...]


def _phrase(text: str) -> Phrase:
    return tuple(search_fold(text).split())


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[Phrase, list[Phrase]], frozenset[str], int]:
    """(phrase → alternatives, optional words, longest phrase length), read once."""
    alternatives, optional, _ = _read()
    longest = max((len(phrase) for phrase in alternatives), default=1)
    return alternatives, frozenset(optional), longest


@lru_cache(maxsize=1)
def place_phrases() -> frozenset[Phrase]:
    """Place names (provinces, old and new, and their aliases)."""
    return frozenset(_read()[2])


@lru_cache(maxsize=1)
def _read() -> tuple[dict[Phrase, list[Phrase]], set[str], set[Phrase]]:
    alternatives: dict[Phrase, list[Phrase]] = {}
    optional: set[str] = set()
    places: set[Phrase] = set()

    def add(source: Phrase, targets: list[Phrase]) -> None:
        known = alternatives.setdefault(source, [source])
        known.extend(target for target in targets if target not in known)

    for raw in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, terms, *rest = raw.split("\t")
        group = [phrase for phrase in map(_phrase, terms.split("|")) if phrase]
        if kind == "same":
            for phrase in group:
                add(phrase, group)
        elif kind == "also":
            targets = [phrase for phrase in map(_phrase, rest[0].split("|")) if phrase]
            for phrase in group:
                add(phrase, group + targets)
            for target in targets:
                add(target, [])
            places.update(group + targets)
        elif kind == "place":
            for phrase in group:
                add(phrase, [])
            places.update(group)
        elif kind == "finds":
            targets = [phrase for phrase in map(_phrase, rest[0].split("|")) if phrase]
            for phrase in group:
                add(phrase, group + targets)
            for target in targets:
                add(target, [])
        elif kind == "loan":
            # The Vietnamese words are not made phrases of their own: "bơ" folds to "bò".
            targets = [phrase for phrase in map(_phrase, rest[0].split("|")) if phrase]
            for phrase in group:
                add(phrase, group + targets)
        elif kind in ("one", "related"):
            for phrase in group:
                add(phrase, [])
        elif kind == "area":
            # A district or growing area also finds the goods of the province it lies in.
            targets = [phrase for phrase in map(_phrase, rest[0].split("|")) if phrase]
            for phrase in group:
                add(phrase, group + targets)
            places.update(group)
        elif kind == "optional":
            optional.update(word for phrase in group for word in phrase)
    for phrase in list(places):
        places.update(alternatives.get(phrase, []))
    return alternatives, optional, places


@lru_cache(maxsize=1)
def loan_spellings() -> dict[Phrase, dict[Phrase, tuple[str, ...]]]:
    """For each loan word, the Vietnamese words it finds with their diacritics: a title must
    write them so ("butter" finds "bơ", not "bộ" or "bò", which fold the same)."""
    found: dict[Phrase, dict[Phrase, tuple[str, ...]]] = {}
    for raw in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not raw.startswith("loan\t"):
            continue
        _, terms, targets, *_ = raw.split("\t")
        spelled = {_phrase(t): tuple(search_normalize(t).split()) for t in targets.split("|")}
        for phrase in map(_phrase, terms.split("|")):
            found.setdefault(phrase, {}).update(spelled)
    return found


@dataclass(frozen=True)
class Segment:
    """One thing named in a text: its canonical id, the broader things it is a kind of
    ("gao" for "gạo ST25"), where it starts, how many words it spans, and whether it is a place."""

    concept: str
    heads: tuple[str, ...]
    start: int
    size: int
    is_place: bool


@dataclass(frozen=True)
class Concepts:
    canonical: dict[Phrase, str]
    distinct: frozenset[Phrase]
    related: dict[str, frozenset[str]]
    areas: dict[Phrase, Phrase]
    places: frozenset[Phrase]
    longest: int
    # First words that begin three or more kinds of thing ("tôm", "thịt", "khuôn").
    kind_words: frozenset[str] = frozenset()
    # Every canonical id the list knows.
    known: frozenset[str] = frozenset()


def _rows(kinds: set[str], key: Callable[[str], Phrase] = _phrase):
    for raw in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, terms, *rest = raw.split("\t")
        if kind in kinds:
            yield (
                kind,
                [p for p in map(key, terms.split("|")) if p],
                [p for p in map(key, (rest[0] if rest else "").split("|")) if p],
            )


@lru_cache(maxsize=1)
def accent_words() -> frozenset[str]:
    """Folded words whose diacritics tell two things of the list apart ("dua": dứa is a
    pineapple, dừa a coconut; "dau": đậu nành is soy, dầu nành its oil). Matching keeps them
    as written; folding them would make the two one thing."""
    spellings: dict[Phrase, dict[Phrase, set[int]]] = {}
    kinds = ("same", "one", "related", "finds")
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(lines):
        if not raw.strip() or raw.startswith("#") or raw.split("\t")[0] not in kinds:
            continue
        for column in raw.split("\t")[1:3]:
            for term in column.split("|"):
                written = tuple(search_normalize(term).split())
                folded = _phrase(term)
                if written != folded:
                    spellings.setdefault(folded, {}).setdefault(written, set()).add(number)
    words: set[str] = set()
    for variants in spellings.values():
        rows = list(variants.values())
        if len(rows) > 1 and not set.intersection(*rows):
            for letters in zip(*variants, strict=True):
                if len(set(letters)) > 1:
                    words.add(search_fold(letters[0]))
    return frozenset(words)


def matching_words(text: str) -> list[str]:
    """Words of `text` as matching reads them: folded, except where the diacritics written
    decide: the words of `accent_words`, and a word the list knows with other diacritics
    ("chế" is not "chè", "tiểu" is not "tiêu", "lắc" is not "lạc")."""
    return [word for normalized in search_normalize(text).split() for word in _matching(normalized)]


@lru_cache(maxsize=65536)
def _matching(word: str) -> tuple[str, ...]:
    folded = search_fold(word, is_normalized=True)
    if " " in folded or word == folded:
        return tuple(folded.split())
    known = accented_spellings().get((folded,))
    is_other = known is not None and not may_stand_for(word, known[0])
    return (word,) if folded in accent_words() or is_other else (folded,)


@lru_cache(maxsize=65536)
def may_stand_for(typed: str, written: str) -> bool:
    """Whether `typed` is `written` with some diacritics left out (a word written without
    any stands for every spelling)."""
    if written == search_fold(written, is_normalized=True):
        return True
    typed_letters, written_letters = _letters(typed), _letters(written)
    if len(typed_letters) != len(written_letters):
        return False
    return all(
        (base == other or (base == "d" and other == "đ")) and marks <= other_marks
        for (base, marks), (other, other_marks) in zip(typed_letters, written_letters, strict=True)
    )


def _letters(word: str) -> list[tuple[str, frozenset[str]]]:
    letters: list[tuple[str, set[str]]] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and letters:
            letters[-1][1].add(char)
        else:
            letters.append((char, set()))
    return [(base, frozenset(marks)) for base, marks in letters]


def _matching_phrase(text: str) -> Phrase:
    return tuple(matching_words(text))


@lru_cache(maxsize=1)
def concepts() -> Concepts:
    """Canonical ids of every phrase ("same" groups joined), distinct phrases, related
    products, growing areas and their province, read once."""
    parent: dict[Phrase, Phrase] = {}

    def root(phrase: Phrase) -> Phrase:
        while parent.setdefault(phrase, phrase) != phrase:
            phrase = parent[phrase]
        return phrase

    distinct: set[Phrase] = set()
    related_rows, areas = [], {}
    for kind, group, targets in _rows(
        {"same", "one", "related", "area", "finds"}, _matching_phrase
    ):
        if kind in ("same", "finds"):
            # Matching reads a broader word and the narrower ones it finds as one thing: a buyer
            # of tai nghe không dây is served by tai nghe bluetooth.
            first = root(group[0])
            for phrase in group[1:] + (targets if kind == "finds" else []):
                other = root(phrase)
                if other != first:
                    parent[other] = first
        elif kind == "one":
            distinct.update(group)
            for phrase in group:
                root(phrase)
        elif kind == "related":
            related_rows.append((group, targets))
        elif kind == "area":
            for phrase in group:
                areas[phrase] = targets[0]
    canonical = {phrase: "_".join(root(phrase)) for phrase in parent}
    starts: dict[str, set[str]] = {}
    for phrase, concept in canonical.items():
        if len(phrase) > 1:
            starts.setdefault(phrase[0], set()).add(concept)

    def concept_of(phrase: Phrase) -> str:
        return canonical.get(phrase, "_".join(phrase))

    related: dict[str, set[str]] = {}
    for group, targets in related_rows:
        for phrase in group:
            related.setdefault(concept_of(phrase), set()).update(map(concept_of, targets))
    places = place_phrases()
    longest = max(len(phrase) for phrase in [*canonical, *places, *areas])
    return Concepts(
        canonical,
        frozenset(concept_of(phrase) for phrase in distinct),
        {key: frozenset(value) for key, value in related.items()},
        areas,
        places,
        longest,
        frozenset(word for word, kinds in starts.items() if len(kinds) >= 3),
        frozenset(canonical.values()),
    )


def _heads(phrase: Phrase, table: Concepts) -> tuple[str, ...]:
    """The broader things a phrase is a kind of: its longest known beginning, recursively,
    or a first word that begins several kinds ("tôm" of "tôm thẻ"); none for a distinct
    phrase ("bắp cải" is not a kind of "bắp")."""
    own = table.canonical.get(phrase)
    if len(phrase) < 2 or own in table.distinct:
        return ()
    for size in range(len(phrase) - 1, 0, -1):
        prefix = phrase[:size]
        concept = table.canonical.get(prefix)
        if concept is not None and concept != own:
            return (concept, *_heads(prefix, table))
    return (phrase[0],) if phrase[0] in table.kind_words and phrase[0] != own else ()


def segment_sizes(count: int, is_known: Callable[[int, int], bool], longest: int) -> list[int]:
    """Sizes of the phrases `count` words are read as: the most words inside known phrases,
    then the fewest phrases. The whole phrase decides, not the first match: "chè thái nguyên"
    is chè from Thái Nguyên, not "chè thái" followed by "nguyên"."""
    best: list[tuple[int, int]] = [(0, 0)] * (count + 1)
    choice = [1] * (count + 1)
    for start in range(count - 1, -1, -1):
        options = []
        for size in range(min(longest, count - start), 0, -1):
            known = is_known(start, size)
            if size > 1 and not known:
                continue
            covered, segments = best[start + size]
            options.append(((covered + (size if known else 0), segments - 1), size))
        best[start], choice[start] = max(options)
    sizes, index = [], 0
    while index < count:
        sizes.append(choice[index])
        index += choice[index]
    return sizes


def concept_segments(words: list[str]) -> list[Segment]:
    """Folded words read as concepts, the reading that explains most words with known phrases."""
    table = concepts()

    def is_known(start: int, size: int) -> bool:
        phrase = tuple(words[start : start + size])
        return phrase in table.canonical or phrase in table.places

    segments, index = [], 0
    for size in segment_sizes(len(words), is_known, table.longest):
        phrase = tuple(words[index : index + size])
        is_place = phrase in table.places
        concept = table.canonical.get(phrase, "_".join(phrase))
        heads = () if is_place else _heads(phrase, table)
        segments.append(Segment(concept, heads, index, size, is_place))
        index += size
    return segments


@lru_cache(maxsize=1)
def accented_spellings() -> dict[Phrase, tuple[str, ...]]:
    """The one spelling with diacritics the list gives a folded phrase ("lạc" for "lac"), when
    it gives exactly one: a title writing "lắc" does not name "lạc"."""
    spellings: dict[Phrase, set[tuple[str, ...]]] = {}
    for raw in DATA_FILE.read_text(encoding="utf-8").splitlines():
        # A loan word's Vietnamese targets are not spellings the list claims ("bơ" is not "bò").
        if not raw.strip() or raw.startswith(("#", "loan\t")):
            continue
        for column in raw.split("\t")[1:3]:
            for term in column.split("|"):
                accented = tuple(search_normalize(term).split())
                folded = _phrase(term)
                if folded and accented != folded:
                    spellings.setdefault(folded, set()).add(accented)
    return {folded: next(iter(found)) for folded, found in spellings.items() if len(found) == 1}


def area_province(phrase: Phrase) -> Phrase | None:
    """The current province (folded name) a place phrase lies in, as far as the list knows."""
    table = concepts()
    if phrase in table.areas:
        return table.areas[phrase]
    alternatives = lexicon()[0].get(phrase, [phrase])
    provinces = _province_phrases()
    for alternative in alternatives:
        if alternative in provinces:
            return alternative
    return None


@lru_cache(maxsize=1)
def _province_phrases() -> frozenset[Phrase]:
    for kind, group, _targets in _rows({"place"}):
        if kind == "place":
            return frozenset(group)
    return frozenset()


@lru_cache(maxsize=4096)
def blocking_phrases(phrase: Phrase) -> tuple[str, ...]:
    """Longer known phrases that contain `phrase` but name another thing ("bắp cải" for
    "bắp", "na uy" for "na", "cơ bắp" for "bắp"): an occurrence of `phrase` inside them is not
    the thing asked for. A phrase that begins with it is a kind of it ("trà sen" of "trà")
    unless the list marks it as a thing of its own."""
    table = concepts()
    own = table.canonical.get(phrase)
    size = len(phrase)
    found = []
    for other, concept in table.canonical.items():
        if len(other) <= size or concept == own:
            continue
        starts = [i for i in range(len(other) - size + 1) if other[i : i + size] == phrase]
        if starts and (concept in table.distinct or starts != [0]):
            found.append(" ".join(other))
    return tuple(found)


@lru_cache(maxsize=4096)
def head_alternatives(phrase: Phrase) -> list[Phrase]:
    """Every name of the broader thing a known phrase is a kind of ("bắp nếp" → ngô, bắp, …);
    none for a phrase that is a thing of its own ("bắp cải")."""
    table = concepts()
    own = table.canonical.get(phrase)
    if len(phrase) < 2 or own is None or own in table.distinct:
        return []
    for size in range(len(phrase) - 1, 0, -1):
        prefix = phrase[:size]
        concept = table.canonical.get(prefix)
        if concept is not None and concept != own:
            return list(lexicon()[0].get(prefix, [prefix]))
    return []
