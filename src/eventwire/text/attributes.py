"""The model's attribute_ruler (tag -> part of speech and morphology, plus its word exceptions) at the
same result for less CPU.

spaCy's Matcher tries every one of the ruler's ~180 patterns at every token: about 10 ms of the ~80 ms that
a ~600-word article costs to parse. `IndexedMatches` finds the same matches by remembering, for each
distinct (tag, lowercase form, dependency, is-space) of a token, which pattern tokens it satisfies; the
ruler then applies them exactly as before. Patterns using a Matcher feature not handled here (operators,
other attributes) leave the ruler as it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

CACHE_LIMIT = 500_000  # distinct tokens remembered (a few hundred bytes each)
KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # positions in a token's key
TokenKey = tuple[str, str, str, bool]
Test = Callable[[TokenKey], bool]


def speed_up_attribute_ruler(nlp: object) -> bool:
    """Give the model's attribute_ruler the indexed matcher; False (ruler unchanged) when it cannot."""
    if "attribute_ruler" not in getattr(nlp, "pipe_names", ()):
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = IndexedMatches(ruler)
    except ValueError:
        return False
    return True


class IndexedMatches:
    """`ruler.match(doc)`: the (rule number, match id, start, end) list spaCy's Matcher gives, sorted."""

    def __init__(self, ruler: object) -> None:
        self.strings = ruler.vocab.strings
        self.rules: list[tuple[int, int, list[Test]]] = []  # (rule number, match id, a test per token)
        for number, entry in enumerate(ruler.patterns):
            match_id = self.strings.add(str(number))
            for pattern in entry["patterns"]:
                self.rules.append((number, match_id, [_token_test(spec) for spec in pattern]))
        self._known: dict[tuple[int, ...], _Passed] = {}

    def __call__(self, doc: object) -> list[tuple[int, int, int, int]]:
        passed = [self._passed(tuple(row)) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        found = set()
        for start, token in enumerate(passed):
            found.update((number, match_id, start, start + 1) for number, match_id in token.single)
            for rule in token.first:
                found.update(self._match_at(rule, start, passed))
        return sorted(found)

    def _match_at(self, rule: int, start: int, passed: list[_Passed]) -> list[tuple[int, int, int, int]]:
        number, match_id, tests = self.rules[rule]
        end = start + len(tests)
        if end > len(passed) or any((rule, j) not in passed[start + j].tests for j in range(1, len(tests))):
            return []
        return [(number, match_id, start, end)]

    def _passed(self, row: tuple[int, ...]) -> _Passed:
        known = self._known.get(row)
        if known is None:
            tag, lower, dep, space = row
            key = (self.strings[tag] if tag else "", self.strings[lower] if lower else "",
                   self.strings[dep] if dep else "", bool(space))
            tests = frozenset((rule, j) for rule, (_, _, rule_tests) in enumerate(self.rules)
                              for j, test in enumerate(rule_tests) if test(key))
            starts = [rule for rule, j in tests if j == 0]
            single = tuple(self.rules[rule][:2] for rule in starts if len(self.rules[rule][2]) == 1)
            first = tuple(rule for rule in starts if len(self.rules[rule][2]) > 1)
            known = _Passed(tests, single, first)
            if len(self._known) < CACHE_LIMIT:
                self._known[row] = known
        return known


class _Passed(NamedTuple):
    """What one distinct token satisfies: (rule, token position) pairs, the one-token rules it matches
    as (rule number, match id), and the longer rules it may start."""
    tests: frozenset[tuple[int, int]]
    single: tuple[tuple[int, int], ...]
    first: tuple[int, ...]


def _token_test(spec: dict) -> Test:
    """A test of a token key for one Matcher token pattern; ValueError for features not handled."""
    checks = [_attribute_test(KEYS[name], value) if name in KEYS else _unknown(name)
              for name, value in spec.items()]
    return lambda key: all(check(key) for check in checks)


def _attribute_test(position: int, value: object) -> Test:
    if not isinstance(value, dict):
        return lambda key: key[position] == value
    if set(value) == {"IN"}:
        allowed = frozenset(value["IN"])
        return lambda key: key[position] in allowed
    if set(value) == {"NOT_IN"}:
        refused = frozenset(value["NOT_IN"])
        return lambda key: key[position] not in refused
    if set(value) == {"REGEX"}:
        pattern = re.compile(value["REGEX"])
        return lambda key: bool(pattern.search(key[position]))
    raise ValueError(f"attribute_ruler pattern feature not handled: {value}")


def _unknown(name: str) -> Test:
    raise ValueError(f"attribute_ruler pattern attribute not handled: {name}")
