"""The command-line contract, run as a subprocess like acceptance does."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LEX = Path(__file__).resolve().parent / "tiny_lexicon.json"

SCENARIOS = [
    {"id": "s1", "title": "轮胎胎面漏检多", "description": "工人肉眼看胎面，漏检多", "industry": "轮胎", "tags": []},
    {"id": "s2", "title": "Fraud in small loans", "description": "Our bank sees fraud", "extra": 1},
]
VENDORS = [
    {"id": "v1", "name": "澜瞳", "description": "机器视觉缺陷检测", "industries": ["轮胎"], "tags": ["缺陷检测"]},
    {"id": "v2", "name": "Fenwatch", "description": "Anti-fraud models for banks", "industries": ["Banking"]},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "matching", *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=60
    )


@pytest.fixture()
def files(tmp_path):
    return write_jsonl(tmp_path / "s.jsonl", SCENARIOS), write_jsonl(tmp_path / "v.jsonl", VENDORS)


def test_rank_writes_one_line_per_scenario_in_input_order(files):
    s, v = files
    res = run("rank", "--scenarios", s, "--vendors", v, "--top", "10", "--lexicon", LEX, "--lang", "en")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["scenario_id"] for x in lines] == ["s1", "s2"]
    best = lines[0]["matches"][0]
    assert best["vendor_id"] == "v1" and 0 < best["score"] <= 1
    assert best["reasons"][0] == {
        "kind": "capability",
        "code": "visual-inspection",
        "chosen_by": [],
        "label": "Visual defect inspection",
        "share": best["reasons"][0]["share"],
    }


def test_each_match_carries_the_strength_the_site_shows(files):
    from matching import strength

    s, v = files
    res = run("rank", "--scenarios", s, "--vendors", v, "--lexicon", LEX)
    assert res.returncode == 0, res.stderr
    matches = [m for line in res.stdout.splitlines() for m in json.loads(line)["matches"]]
    assert matches and all(m["strength"] == strength(m["score"]) for m in matches)
    assert {m["strength"] for m in matches} <= {"strong", "good", "fair"}


def test_evaluate_prints_the_four_metrics_then_per_language(files, tmp_path):
    s, v = files
    q = tmp_path / "q.tsv"
    q.write_text("s1\tv1\t2\ns2\tv2\t2\n")
    res = run("evaluate", "--scenarios", s, "--vendors", v, "--qrels", q, "--lexicon", LEX)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[:4] == ["ndcg@10: 1.0000", "p@5: 0.2000", "mrr: 1.0000", "recall@10: 1.0000"]
    assert "zh ndcg@10: 1.0000  (n=1)" in lines and "en ndcg@10: 1.0000  (n=1)" in lines


def assert_input_error(res, where):
    assert res.returncode == 2
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and where in err[0], res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


def test_a_missing_file_is_named(files, tmp_path):
    _, v = files
    assert_input_error(
        run("rank", "--scenarios", tmp_path / "nope.jsonl", "--vendors", v, "--lexicon", LEX),
        "nope.jsonl: file not found",
    )


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ('{"id": "s9", "title": ', "invalid JSON"),
        ('{"title": "no id"}', "missing 'id'"),
        ('{"id": "s1", "title": "again"}', "duplicate id 's1'"),
        ('{"id": "s9", "tags": 5}', "'tags' must be a list of strings"),
        ('{"id": "s9", "title": ["x"]}', "'title' must be a string"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_bad_scenario_lines_name_file_and_line(files, bad_line, message):
    s, v = files
    s.write_text(s.read_text(encoding="utf-8") + bad_line + "\n", encoding="utf-8")
    res = run("rank", "--scenarios", s, "--vendors", v, "--lexicon", LEX)
    assert_input_error(res, f"s.jsonl:3: {message}")


def test_a_wrong_type_in_vendors_is_named(files):
    s, v = files
    v.write_text(v.read_text(encoding="utf-8") + '{"id": "v9", "industries": "港口"}\n', encoding="utf-8")
    assert_input_error(
        run("rank", "--scenarios", s, "--vendors", v, "--lexicon", LEX),
        "v.jsonl:3: 'industries' must be a list of strings",
    )


def test_a_bad_qrels_line_is_named(files, tmp_path):
    s, v = files
    q = tmp_path / "q.tsv"
    q.write_text("s1\tv1\t2\ns2\tv2\n")
    assert_input_error(run("evaluate", "--scenarios", s, "--vendors", v, "--qrels", q, "--lexicon", LEX), "q.tsv:2:")


def test_a_bad_lexicon_is_an_input_error(files, tmp_path):
    s, v = files
    lex = tmp_path / "lex.json"
    lex.write_text("{oops")
    assert_input_error(run("rank", "--scenarios", s, "--vendors", v, "--lexicon", lex), "invalid JSON")


def test_an_oversized_description_is_cut_with_a_warning(files):
    s, v = files
    big = dict(SCENARIOS[0], id="big", description="漏检" * 2_500_000)  # 5 MB of UTF-8
    write_jsonl(s, [*SCENARIOS, big])
    res = run("rank", "--scenarios", s, "--vendors", v, "--lexicon", LEX)
    assert res.returncode == 0, res.stderr
    assert "s.jsonl:3: 'description' cut from 5000000 to 20000 characters" in res.stderr
    assert len(res.stdout.splitlines()) == 3


def test_empty_input_gives_empty_output(tmp_path):
    s, v, q = tmp_path / "s.jsonl", tmp_path / "v.jsonl", tmp_path / "q.tsv"
    for f in (s, v, q):
        f.write_text("")
    for args in (("rank",), ("evaluate", "--qrels", q)):
        res = run(*args, "--scenarios", s, "--vendors", v, "--lexicon", LEX)
        assert (res.returncode, res.stdout, res.stderr) == (0, "", "")
