"""When a query finds little or nothing: respellings, partial matches and queries that do find."""

from phohang.search.engines.base import Engine, MatchExpression, MatchSql
from phohang.search.query import (
    Concept,
    ParsedQuery,
    allowed_edits,
    query_parse,
    typo_corrections,
    variants_prefetch,
)
from phohang.search.synonyms import lexicon

from .counts import _totals
from .results import MAX_RESPELLED_WORDS, RESPELLINGS, SAMPLE, SearchFilters


def _did_you_mean(parsed: ParsedQuery, engine: Engine, found: list[bool]) -> tuple[str, bool]:
    """The respelling, one word changed, that finds the most products; and whether the word
    was long enough (4+ letters) to show its results straight away. `found`: for each required
    concept, whether some product has it."""
    tokens = parsed.literal_tokens
    # Words of a known phrase or place ("quận cầu giấy") are never respelled, nor words of the
    # maintained list that find products on their own: "balo laptop" is no typo of "bao".
    fixed = {t for concept in parsed.concepts if len(concept.literal) > 1 for t in concept.literal}
    known = lexicon()[0]
    found_words = {
        token
        for concept, is_found in zip(parsed.required, found, strict=True)
        if is_found
        for token in concept.literal
    }
    fixed.update(
        token
        for concept, is_found in zip(parsed.required, found, strict=True)
        if is_found and concept.literal in known
        for token in concept.literal
    )
    variants_prefetch([t for t in tokens[:MAX_RESPELLED_WORDS] if t not in fixed], engine=engine)
    respellings: list[tuple[str, bool, MatchSql]] = []
    for position, token in enumerate(tokens[:MAX_RESPELLED_WORDS]):
        if token in fixed:
            continue
        # A shopper who found nothing gets a hint even for a short syllable (bun → buon).
        edits = max(allowed_edits(token), 1 if len(token) >= 3 and not token.isdigit() else 0)
        if not edits:
            continue
        for correction in typo_corrections(token, engine=engine, limit=RESPELLINGS, edits=edits):
            candidate = " ".join([*tokens[:position], correction, *tokens[position + 1 :]])
            retry = query_parse(candidate, engine=engine).expression()
            if retry is not None:
                # Long words, and a letter left out of a short one (nge → nghe), are sure
                # enough to show the respelling's results straight away.
                # A short word that finds products itself ("loa") is only offered.
                is_sure = allowed_edits(token) > 0 or (
                    token not in found_words and _is_one_insertion(token, correction)
                )
                respellings.append((candidate, is_sure, engine.match(retry)))
    # All respellings are counted in one statement (each count stops at the sample size).
    counts = engine.match_counts([respelling[2] for respelling in respellings], cap=SAMPLE)
    best, best_count, is_confident = "", 0, False
    for (candidate, is_long_word, _match), count in zip(respellings, counts, strict=True):
        if count > best_count:
            best, best_count, is_confident = candidate, count, is_long_word
    return best, is_confident


def _relaxed_expression(
    parsed: ParsedQuery, expression: MatchExpression | None
) -> MatchExpression | None:
    """Any of the query's concepts; a query that is one known phrase ("gạo ST25", "bắp nếp")
    relaxes to any of its words instead."""
    if expression is None:
        return None
    if len(expression.groups) > 1:
        return parsed.expression(any_group=True)
    words = parsed.literal_tokens
    if len(words) < 2:
        return None
    return MatchExpression(tuple(((word,),) for word in dict.fromkeys(words)), any_group=True)


def _is_one_insertion(token: str, correction: str) -> bool:
    if len(correction) != len(token) + 1:
        return False
    return any(correction[:i] + correction[i + 1 :] == token for i in range(len(correction)))


def _concepts_found(parsed: ParsedQuery, engine: Engine) -> list[bool]:
    """For each required concept, whether any product has it (one statement)."""
    singles = [engine.match(_expression_of([concept])) for concept in parsed.required]
    return [bool(count) for count in engine.match_counts(singles, cap=1)]


def _suggestions(
    parsed: ParsedQuery, engine: Engine, did_you_mean: str, has: list[bool]
) -> list[tuple[str, int]]:
    """Queries that find products when the one typed finds none: a respelling, and the query
    without the words that nothing matches (counted in one statement, each up to SAMPLE)."""
    concepts = parsed.required
    found = [concept for concept, is_found in zip(concepts, has, strict=True) if is_found]
    candidates: list[str] = []
    if did_you_mean:
        candidates.append(did_you_mean)
    if found and len(found) < len(concepts):
        candidates.append(" ".join(" ".join(concept.accented) for concept in found))
        if len(found) > 1:
            candidates.extend(" ".join(concept.accented) for concept in found)
    candidates = list(dict.fromkeys(c for c in candidates if c and c != parsed.text))[:4]
    if not candidates:
        # Nothing typed is known: the largest categories, which always find products.
        candidates = _largest_categories(engine)
    if not candidates:
        return []
    matches = []
    for candidate in candidates:
        retry = query_parse(candidate, engine=engine).expression()
        matches.append(engine.match(retry))
    totals = engine.match_counts(matches, cap=SAMPLE)
    return [(text, total) for text, total in zip(candidates, totals, strict=True) if total][:3]


def _largest_categories(engine: Engine, limit: int = 3) -> list[str]:
    """Names of the categories with the most products (the browse facets, cached briefly)."""
    counts = _totals(engine.match(None), SearchFilters(), True, SAMPLE)
    return [value.label for value in counts.facets["category"][:limit] if value.label]


def _expression_of(concepts: list[Concept]) -> MatchExpression:
    return MatchExpression(
        tuple(tuple(dict.fromkeys(phrase for phrase, _ in c.alternatives)) for c in concepts)
    )
