"""`python -m matching rank | evaluate`: the command-line contract.

Input errors (missing file, invalid JSON, a line without id, duplicate ids, wrong types) print one
line `error: FILE:LINE: message` to stderr and exit with code 2, without a traceback. Fields over
the size limits below are cut, with a warning naming the file and line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .lexicon import Lexicon, default_lexicon_path
from .types import ScenarioDoc, VendorDoc

# Size limits (characters / items). Real listings are far below them; they bound memory and time.
MAX_TEXT = 20_000  # description
MAX_SHORT = 1_000  # title, name, industry
MAX_ITEM = 200  # one tag or industry
MAX_ITEMS = 100  # tags / industries per listing
EXIT_INPUT = 2


class InputError(Exception):
    """A bad input file; the message already names file and line."""


def _warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


def _read_lines(path: str) -> list[tuple[int, str]]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    out = []
    for n, line in enumerate(raw.split(b"\n"), start=1):
        try:
            text = line.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}:{n}: not valid UTF-8") from None
        if text.strip():
            out.append((n, text))
    return out


def _text(obj: dict, key: str, limit: int, where: str) -> str:
    v = obj.get(key)
    if v is None:
        return ""
    if not isinstance(v, str):
        raise InputError(f"{where}: '{key}' must be a string, got {type(v).__name__}")
    if len(v) > limit:
        _warn(f"{where}: '{key}' cut from {len(v)} to {limit} characters")
        v = v[:limit]
    return v


def _items(obj: dict, key: str, where: str, required_type: bool = True) -> tuple[str, ...]:
    v = obj.get(key)
    if v is None:
        return ()
    if not isinstance(v, list):
        if not required_type:
            return ()
        raise InputError(f"{where}: '{key}' must be a list of strings, got {type(v).__name__}")
    out = []
    for item in v:
        if not isinstance(item, str):
            if not required_type:
                return ()
            raise InputError(f"{where}: '{key}' must be a list of strings, found {type(item).__name__}")
        if len(item) > MAX_ITEM:
            _warn(f"{where}: an item of '{key}' cut from {len(item)} to {MAX_ITEM} characters")
            item = item[:MAX_ITEM]
        out.append(item)
    if len(out) > MAX_ITEMS:
        _warn(f"{where}: '{key}' cut from {len(out)} to {MAX_ITEMS} items")
        out = out[:MAX_ITEMS]
    return tuple(out)


def _read_jsonl(path: str, make: Callable[[dict, str, str], Any]) -> list[Any]:
    docs = []
    seen: dict[str, int] = {}
    for n, line in _read_lines(path):
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        if "id" not in obj or obj["id"] is None:
            raise InputError(f"{where}: missing 'id'")
        raw_id = obj["id"]
        if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
            raise InputError(f"{where}: 'id' must be a string, got {type(raw_id).__name__}")
        doc_id = str(raw_id).strip()
        if not doc_id:
            raise InputError(f"{where}: 'id' is empty")
        if doc_id in seen:
            raise InputError(f"{where}: duplicate id {doc_id!r} (first on line {seen[doc_id]})")
        seen[doc_id] = n
        docs.append(make(obj, doc_id, where))
    return docs


def _scenario(obj: dict, doc_id: str, where: str) -> ScenarioDoc:
    return ScenarioDoc(
        id=doc_id,
        title=_text(obj, "title", MAX_SHORT, where),
        description=_text(obj, "description", MAX_TEXT, where),
        industry=_text(obj, "industry", MAX_SHORT, where),
        tags=_items(obj, "tags", where),
        industry_codes=_items(obj, "industry_codes", where, required_type=False),
        capability_codes=_items(obj, "capability_codes", where, required_type=False),
    )


def _vendor(obj: dict, doc_id: str, where: str) -> VendorDoc:
    return VendorDoc(
        id=doc_id,
        name=_text(obj, "name", MAX_SHORT, where),
        description=_text(obj, "description", MAX_TEXT, where),
        industries=_items(obj, "industries", where),
        tags=_items(obj, "tags", where),
        industry_codes=_items(obj, "industry_codes", where, required_type=False),
        capability_codes=_items(obj, "capability_codes", where, required_type=False),
    )


def read_scenarios(path: str) -> list[ScenarioDoc]:
    """Read a scenarios JSONL file.

    Raises:
        InputError: a bad file or line (the message names it).
    """
    return _read_jsonl(path, _scenario)


def read_vendors(path: str) -> list[VendorDoc]:
    """Read a vendors JSONL file.

    Raises:
        InputError: a bad file or line (the message names it).
    """
    return _read_jsonl(path, _vendor)


def read_qrels(path: str) -> dict[str, dict[str, int]]:
    """Read `scenario_id<TAB>vendor_id<TAB>gain` lines.

    Raises:
        InputError: a bad file or line.
    """
    out: dict[str, dict[str, int]] = {}
    for n, line in _read_lines(path):
        parts = line.split("\t") if "\t" in line else line.split()
        parts = [p.strip() for p in parts]
        if len(parts) != 3 or not parts[0] or not parts[1]:
            raise InputError(f"{path}:{n}: expected scenario_id<TAB>vendor_id<TAB>gain")
        try:
            gain = int(parts[2])
        except ValueError:
            raise InputError(f"{path}:{n}: gain must be an integer, got {parts[2]!r}") from None
        if gain < 0:
            raise InputError(f"{path}:{n}: gain must not be negative")
        out.setdefault(parts[0], {})[parts[1]] = gain
    return out


def _lexicon(path: str | None) -> Lexicon:
    p = Path(path) if path else default_lexicon_path()
    try:
        return Lexicon.load(p)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _matcher(args: argparse.Namespace) -> tuple[Any, list[ScenarioDoc], list[VendorDoc]]:
    from .rank import Matcher

    scenarios = read_scenarios(args.scenarios)
    vendors = read_vendors(args.vendors)
    lex = _lexicon(args.lexicon)
    return Matcher(lexicon=lex).fit(scenarios, vendors), scenarios, vendors


def cmd_rank(args: argparse.Namespace) -> int:
    """Write one JSON line per scenario, in input order, with its top vendors and reasons."""
    if args.top < 1:
        raise InputError(f"--top must be at least 1, got {args.top}")
    m, _scenarios, _ = _matcher(args)
    out = sys.stdout
    buf: list[str] = []
    for sid, matches in m.all_pairs(k=args.top, lang=args.lang, with_reasons=not args.no_reasons):
        buf.append(json.dumps({"scenario_id": sid, "matches": [r.to_dict() for r in matches]}, ensure_ascii=False))
        if len(buf) >= 2048:
            out.write("\n".join(buf) + "\n")
            buf = []
    if buf:
        out.write("\n".join(buf) + "\n")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Print overall metrics, then the same per scenario language (and the BM25 baseline on request)."""
    from .evaluate import METRICS, bm25_rankings, evaluate, full_rankings
    from .text import detect_language

    qrels = read_qrels(args.qrels)
    m, scenarios, vendors = _matcher(args)
    if not scenarios:
        return 0
    runs = [("", full_rankings(m))]
    if args.baseline:
        try:
            runs.append(("bm25 ", bm25_rankings(scenarios, vendors)))
        except ValueError as exc:
            raise InputError(str(exc)) from None
    langs: dict[str, list[str]] = {}
    for s in scenarios:
        if qrels.get(s.id):
            langs.setdefault(detect_language(f"{s.title}\n{s.description}"), []).append(s.id)
    for prefix, rankings in runs:
        overall = evaluate(rankings, qrels)
        for name in METRICS:
            print(f"{prefix}{name}: {overall[name]:.4f}")
        for lang in ("zh", "en", "mixed"):
            if lang in langs:
                res = evaluate(rankings, qrels, queries=langs[lang])
                for name in METRICS:
                    print(f"{prefix}{lang} {name}: {res[name]:.4f}  (n={res['n']})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matching", description="Rank AI vendors for scenarios.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "fit-weights",
        help="learn the combination weights and strength thresholds (see matching/fit.py)",
        add_help=False,
    )
    for name, help_text in (
        ("rank", "rank vendors for every scenario (JSON lines)"),
        ("evaluate", "score the ranking against graded qrels"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--scenarios", required=True, help="scenarios JSONL")
        p.add_argument("--vendors", required=True, help="vendors JSONL")
        p.add_argument("--lexicon", default=None, help="taxonomy JSON (default: seeds/taxonomy.json)")
        p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of reasons")
        if name == "rank":
            p.add_argument("--top", type=int, default=10, help="vendors per scenario")
            p.add_argument("--no-reasons", action="store_true", help="skip reasons (faster)")
        else:
            p.add_argument("--qrels", required=True, help="scenario_id<TAB>vendor_id<TAB>gain")
            p.add_argument("--baseline", action="store_true", help="also print BM25 (jieba tokens) figures")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["fit-weights"]:
        from .fit import main as fit_main

        try:
            return fit_main(argv[1:])
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_INPUT
    args = build_parser().parse_args(argv)
    try:
        return cmd_rank(args) if args.command == "rank" else cmd_evaluate(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into head
        return 0
