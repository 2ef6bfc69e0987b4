"""Finds province lists on a page that are not in Vietnamese dictionary order."""

from html.parser import HTMLParser

from phohang.core.text import collation_key

# A select offering at least this many provinces is a province list (not a short ranking).
MIN_PROVINCES = 5


class _Selects(HTMLParser):
    def __init__(self):
        super().__init__()
        self.selects: list[tuple[str, list[str]]] = []
        self._option: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self.selects.append((dict(attrs).get("name") or dict(attrs).get("id") or "?", []))
        elif tag == "option" and self.selects:
            self._option = []

    def handle_data(self, data):
        if self._option is not None:
            self._option.append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self.selects[-1][1].append(" ".join("".join(self._option).split()))
            self._option = None


def select_options(html: str) -> list[tuple[str, list[str]]]:
    """(name, option labels) of every select in `html`."""
    parser = _Selects()
    parser.feed(html)
    return parser.selects


def unsorted_province_lists(
    selects: list[tuple[str, list[str]]], province_names: set[str]
) -> list[str]:
    """One line per select of provinces whose province options are out of Vietnamese order."""
    problems = []
    for name, labels in selects:
        provinces = [label for label in labels if label in province_names]
        if len(provinces) >= MIN_PROVINCES and provinces != sorted(provinces, key=collation_key):
            problems.append(f"select {name!r}: {', '.join(provinces[:8])}…")
    return problems
