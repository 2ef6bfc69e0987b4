"""From what a shopper typed to groups of alternative phrases: synonyms, places, typos."""

import math
from dataclasses import dataclass, field
from functools import lru_cache

from phohang.core.text import SEARCH_MAX_QUERY_CHARS, search_fold, search_normalize

from .engines import Engine, MatchExpression
from .synonyms import Phrase, head_alternatives, lexicon, place_phrases, segment_sizes

MAX_TOKENS = 12
MAX_TOKEN_CHARS = 40
SYNONYM_WEIGHT = 0.9
SPLIT_WEIGHT = 0.9
TYPO_WEIGHT = 0.7
HEAD_WEIGHT = 2.0
PLACE_WEIGHT = 0.6


@dataclass
class Concept:
    """One thing the shopper asked for, and the phrases that count as it."""

    literal: Phrase
    accented: tuple[str, ...]
    alternatives: list[tuple[Phrase, float]]
    is_optional: bool = False
    is_known: bool = True
    weight: float = 1.0
    # The broader thing a known phrase is a kind of, in all its names ("ngô", "bắp" for "bắp
    # nếp"): a product naming only that half-matches.
    heads: list[Phrase] = field(default_factory=list)
    # A place named after an administrative word ("phường Cầu Giấy", "huyện Gia Lâm").
    is_place: bool = False


@dataclass
class ParsedQuery:
    text: str
    concepts: list[Concept] = field(default_factory=list)

    @property
    def required(self) -> list[Concept]:
        required = [concept for concept in self.concepts if not concept.is_optional]
        return required or self.concepts

    @property
    def literal_tokens(self) -> list[str]:
        return [token for concept in self.concepts for token in concept.literal]

    def expression(self, *, any_group: bool = False) -> MatchExpression | None:
        concepts = self.concepts if any_group else self.required
        return _expression(concepts, any_group=any_group)

    def head_expression(self) -> MatchExpression | None:
        """Products naming the head noun (the first concept that is not a place), when the
        query names more than it: the pool a partial match is most likely found in."""
        required = self.required
        places = place_phrases()
        heads = [c for c in required if c.literal not in places and not c.is_place]
        if len(required) < 2 or not heads:
            return None
        head = heads[0]
        if not head.heads:
            return _expression([head])
        # A kind of a broader thing ("bưởi Diễn"): every product naming that thing.
        phrases = [phrase for phrase, _ in head.alternatives] + head.heads
        return MatchExpression((tuple(dict.fromkeys(phrases)),))

    def near_expression(self) -> MatchExpression | None:
        """Products with most of what was asked: at least half of the words, leaving out any
        place named ("áo khoác đà lạt": any áo khoác; a place reaches too many products)."""
        required = self.required
        places = place_phrases()
        kept = [
            concept
            for concept in required
            if concept.literal not in places and not concept.is_place
        ]
        without_place = bool(kept) and len(kept) < len(required)
        concepts = kept if without_place else required
        if len(concepts) < 3:
            return _expression(concepts) if without_place else None
        # All but one for long queries, where "half" would mean too many combinations.
        at_least = max(2, -(-len(concepts) // 2)) if len(concepts) <= 6 else len(concepts) - 1
        return _expression(concepts, at_least=at_least)


def _expression(
    concepts: list[Concept], *, any_group: bool = False, at_least: int = 0
) -> MatchExpression | None:
    groups = tuple(
        tuple(dict.fromkeys(phrase for phrase, _ in concept.alternatives)) for concept in concepts
    )
    if not groups:
        return None
    return MatchExpression(groups, any_group=any_group, at_least=at_least)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap counts once), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(token: str) -> int:
    """Edits tolerated for a word of this length: none for short syllables, so results stay few."""
    if len(token) < 4 or token.isdigit():
        return 0
    return 1 if len(token) <= 7 else 2


def normalized_tokens(text: str) -> tuple[list[str], list[str]]:
    normalized = search_normalize(text[:SEARCH_MAX_QUERY_CHARS])
    accented = [token[:MAX_TOKEN_CHARS] for token in normalized.split()][:MAX_TOKENS]
    return accented, [search_fold(token, is_normalized=True) for token in accented]


def query_parse(text: str, *, engine: Engine) -> ParsedQuery:
    """Parse and expand `text`: one vocabulary look-up, plus trigram look-ups for unknown words.

    Unknown words are corrected first, so a misspelt place still meets its synonyms
    ("buon ma thuoot" → "buon ma thuot" → Đắk Lắk).
    """
    accented, folded = normalized_tokens(text)
    parsed = ParsedQuery(" ".join(accented))
    alternatives, optional_words, longest = lexicon()
    accented, folded, units = _administrative_places(accented, folded, alternatives)
    if units:
        alternatives = {**alternatives, **units}
    lexicon_words = _lexicon_words()
    # The words their synonyms bring are weighed later; one vocabulary look-up serves both.
    synonym_words = {
        word
        for size in range(1, longest + 1)
        for start in range(len(folded) - size + 1)
        for phrase in alternatives.get(tuple(folded[start : start + size]), [])
        for word in phrase
    }
    joins = _join_candidates(folded, alternatives)
    unknown, splits = _unknown_words(
        folded, lexicon_words, engine, also=synonym_words | set(joins.values())
    )
    joined = _joined_alternatives(joins, alternatives, engine)
    if joined:
        alternatives = {**alternatives, **joined}
    corrections = {token: typo_corrections(token, engine=engine) for token in unknown}
    corrected = [
        corrections.get(token, [token])[0] if corrections.get(token) else token for token in folded
    ]

    def is_known(start: int, size: int) -> bool:
        return (
            tuple(folded[start : start + size]) in alternatives
            or tuple(corrected[start : start + size]) in alternatives
        )

    index = 0
    for size in segment_sizes(len(folded), is_known, longest):
        phrase = tuple(folded[index : index + size])
        fixed = tuple(corrected[index : index + size])
        source = phrase if phrase in alternatives else fixed
        if source in alternatives:
            certainty = 1.0 if source == phrase else TYPO_WEIGHT
            options = [
                (alt, certainty if alt == source else certainty * SYNONYM_WEIGHT)
                for alt in alternatives[source]
            ]
            is_optional = size == 1 and phrase[0] in optional_words
            parsed.concepts.append(
                Concept(
                    phrase,
                    tuple(accented[index : index + size]),
                    options,
                    is_optional,
                    heads=head_alternatives(source),
                    is_place=source in units,
                )
            )
        else:
            token = folded[index]
            options = [((token,), 1.0)]
            options += [(pair, SPLIT_WEIGHT) for pair in splits.get(token, [])]
            options += [((fix,), TYPO_WEIGHT) for fix in corrections.get(token, [])]
            parsed.concepts.append(
                Concept(
                    (token,),
                    (accented[index],),
                    options,
                    token in optional_words,
                    token not in unknown,
                )
            )
        index += size
    _weigh(parsed, engine)
    return parsed


def _weigh(parsed: ParsedQuery, engine: Engine) -> None:
    """Rarer concepts matter more (an IDF from the vocabulary); the first one, usually the
    product itself in Vietnamese word order, more again; where it comes from, less."""
    words = {
        word for concept in parsed.concepts for phrase, _ in concept.alternatives for word in phrase
    }
    frequency = engine.known_terms(words)
    documents = max(engine.document_count(), 1)
    places = place_phrases()
    for position, concept in enumerate(parsed.required):
        found = sum(
            min((frequency.get(word, 0) for word in phrase), default=0)
            for phrase, _ in concept.alternatives
        )
        rarity = math.log(1 + documents / (min(found, documents) + 1))
        concept.weight = rarity * (HEAD_WEIGHT if position == 0 else 1.0)
        if concept.literal in places or concept.is_place:
            concept.weight *= PLACE_WEIGHT


# Words that name the kind of an administrative unit before its name. "quan" is also the folded
# "quần" (trousers): it counts only before a known place or ward name.
ADMINISTRATIVE_WORDS: tuple[Phrase, ...] = (
    ("thanh", "pho"), ("thi", "xa"), ("thi", "tran"), ("dac", "khu"), ("phuong",), ("xa",),
    ("quan",), ("huyen",), ("tinh",), ("tp",),
)  # fmt: skip
WARD_KINDS = ("phuong", "xa", "dac khu")
MAX_PLACE_WORDS = 4


def _administrative_places(
    accented: list[str], folded: list[str], alternatives: dict[Phrase, list[Phrase]]
) -> tuple[list[str], list[str], dict[Phrase, list[Phrase]]]:
    """Drop the administrative word before a place ("huyện Gia Lâm" → the place Gia Lâm) and
    read a ward's name after one as that ward's province ("phường Bến Thành" → Hồ Chí Minh);
    returns the words left and the ward names found, as phrases with their alternatives."""
    places = place_phrases()
    starts = []
    for index in range(len(folded)):
        for kind in ADMINISTRATIVE_WORDS:
            if tuple(folded[index : index + len(kind)]) == kind and index + len(kind) < len(folded):
                starts.append((index, len(kind)))
                break
    if not starts:
        return accented, folded, {}
    wanted: dict[str, Phrase] = {}
    for index, size in starts:
        after = index + size
        # One-word ward names are too often ordinary words ("xà phòng", "quần bò").
        for words in range(2, MAX_PLACE_WORDS + 1):
            name = tuple(folded[after : after + words])
            if len(name) == words:
                wanted.update({f"{kind} {' '.join(name)}": name for kind in WARD_KINDS})
    wards = _ward_provinces(list(wanted))
    units: dict[Phrase, list[Phrase]] = {}
    drop: set[int] = set()
    for index, size in starts:
        after = index + size
        for words in range(MAX_PLACE_WORDS, 0, -1):
            name = tuple(folded[after : after + words])
            if len(name) < words:
                continue
            provinces = {province for full, province in wards if wanted.get(full) == name}
            if (
                name in places
                or name in alternatives
                and any(alternative in places for alternative in alternatives[name])
            ):
                drop.update(range(index, after))
                break
            if provinces:
                drop.update(range(index, after))
                options = [name]
                for province in sorted(provinces):
                    options.extend(
                        a for a in alternatives.get(province, [province]) if a not in options
                    )
                units[name] = options
                break
    kept = [position for position in range(len(folded)) if position not in drop]
    if not kept:
        return accented, folded, units
    return [accented[i] for i in kept], [folded[i] for i in kept], units


def _ward_provinces(folded_names: list[str]) -> list[tuple[str, Phrase]]:
    """(folded ward name, folded province name) of the wards with these names."""
    if not folded_names:
        return []
    from phohang.geo.models import Ward

    rows = Ward.objects.filter(folded_name__in=folded_names).values_list(
        "folded_name", "province__short_name"
    )
    return [(name, tuple(search_fold(province).split())) for name, province in rows]


# A loan word is written in syllables or run together ("sô cô la" / "socola", "ga tô" / "gato",
# "bim bim" / "bimbim"): short syllables whose joined form is an indexed word also find it.
JOIN_SIZES = (2, 3)
JOIN_MAX_SYLLABLE = 4
JOIN_MIN_CHARS = 4


def _join_candidates(
    folded: list[str], alternatives: dict[Phrase, list[Phrase]]
) -> dict[Phrase, str]:
    """Runs of 2–3 short syllables that are not a listed phrase, and their joined spelling."""
    candidates: dict[Phrase, str] = {}
    for size in JOIN_SIZES:
        for start in range(len(folded) - size + 1):
            window = tuple(folded[start : start + size])
            if window in alternatives or any(
                len(word) > JOIN_MAX_SYLLABLE or not word.isalpha() for word in window
            ):
                continue
            joined = "".join(window)
            if len(joined) >= JOIN_MIN_CHARS:
                candidates[window] = joined
    return candidates


def _joined_alternatives(
    joins: dict[Phrase, str], alternatives: dict[Phrase, list[Phrase]], engine: Engine
) -> dict[Phrase, list[Phrase]]:
    """The syllable runs whose joined spelling is indexed, as phrases with that spelling (and
    its listed synonyms) as alternatives; remembered look-ups, so no further statement."""
    known = engine.known_terms(set(joins.values()))
    found: dict[Phrase, list[Phrase]] = {}
    for window, joined in joins.items():
        if joined in known or (joined,) in alternatives:
            options = [window, (joined,)]
            options += [a for a in alternatives.get((joined,), []) if a not in options]
            found[window] = options
    return found


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    alternatives, optional_words, _ = lexicon()
    return frozenset(word for phrase in alternatives for word in phrase) | optional_words


def _unknown_words(
    folded: list[str], lexicon_words: frozenset[str], engine: Engine, also: set[str]
) -> tuple[set[str], dict[str, list[Phrase]]]:
    """Words neither indexed nor in the synonym list, and the two known words each may be run-together from."""
    words = {token for token in folded if token not in lexicon_words}
    cuts = {
        token: [(token[:cut], token[cut:]) for cut in range(2, len(token) - 1)]
        for token in words
        if len(token) >= 4 and not token.isdigit()
    }
    parts = {part for pairs in cuts.values() for pair in pairs for part in pair}
    known = engine.known_terms(words | parts | also)
    unknown = {token for token in words if token not in known}
    splits = {
        token: [pair for pair in cuts.get(token, []) if pair[0] in known and pair[1] in known]
        for token in unknown
    }
    return unknown, splits


def typo_corrections(
    token: str, *, engine: Engine, limit: int = 3, edits: int | None = None
) -> list[str]:
    """Known words within the allowed edit distance of `token`, closest and most frequent first."""
    edits = allowed_edits(token) if edits is None else edits
    if not edits:
        return []
    scored = []
    if len(token) <= 5:
        # Too few trigrams to find neighbours by; look the one-edit variants up directly.
        candidates = list(engine.known_terms(_one_edit_variants(token)).items())
    else:
        candidates = engine.term_candidates(token)
    for term, frequency in candidates:
        if term == token:
            continue
        distance = edit_distance(token, term, edits)
        if distance <= edits:
            scored.append((distance, -frequency, term))
    return [term for _, _, term in sorted(scored)[:limit]]


def variants_prefetch(tokens: list[str], *, engine: Engine) -> None:
    """Look up the one-edit variants of every short word at once (remembered for the search),
    so that respelling each of them costs no further look-up."""
    short = [token for token in tokens if len(token) <= 5 and not token.isdigit()]
    if short:
        engine.known_terms(set().union(*(_one_edit_variants(token) for token in short)))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit_variants(token: str) -> set[str]:
    splits = [(token[:i], token[i:]) for i in range(len(token) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaces = {left + char + right[1:] for left, right in splits if right for char in _LETTERS}
    inserts = {left + char + right for left, right in splits for char in _LETTERS}
    return (deletes | swaps | replaces | inserts) - {token}
