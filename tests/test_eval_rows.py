"""`newsfacts eval` on a coder's own rows (.jsonl): reading rows, scoring, the command's output and --dump."""

from __future__ import annotations

import json

import pytest

from newsfacts.errors import InputError
from newsfacts.evaluate_rows import (
    CodedRow,
    dump_lines,
    evaluate_rows,
    parse_row,
    predicted_totals,
    read_rows,
)
from newsfacts.model import Article, Event, Span

ROWS = [
    {"id": "r1", "dct": "2024-05-02", "gold": {"killed": 3, "injured": 2},
     "text": "Gunmen killed three villagers and wounded two others in Arvella on Tuesday, police said."},
    {"id": "r2", "dct": None, "gold": {"killed": 0, "injured": 0, "arrested": 4},
     "text": "Police arrested four men after a protest in Tormund on Friday; no one was hurt."},
    {"id": "r3", "dct": "2024-06-10", "gold": {"killed": 1, "injured": 0, "note": "coder unsure"},
     "text": "A bomb exploded outside the court in Selvan on Sunday. Nobody was hurt, the mayor said."},
]


def event(status: str = "current", **totals: int) -> Event:
    return Event(type="other", status=status, date=None, totals=totals,  # type: ignore[arg-type]
                 evidence=Span(text="x", start=0, end=1))


def article(*events: Event) -> Article:
    return Article(text="x", events=list(events))


def test_prediction_sums_non_background_events_and_takes_detained_as_arrested() -> None:
    got = predicted_totals(article(event(killed=2, detained=1), event(killed=1, arrested=2),
                                   event("background", killed=40)))
    assert got == {"killed": 3, "injured": 0, "arrested": 3, "abducted": 0}


def test_rows_are_read_and_gold_keeps_integers_only(tmp_path) -> None:
    path = tmp_path / "coded.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n\n", encoding="utf-8")
    rows = read_rows(path)
    assert [r.id for r in rows] == ["r1", "r2", "r3"]
    assert rows[1].dct is None and rows[0].dct == "2024-05-02"
    assert rows[2].gold == {"killed": 1, "injured": 0}


@pytest.mark.parametrize("line, says", [
    ("{not json", "not JSON"),
    (json.dumps({"id": "x", "gold": {"killed": 1}}), '"text"'),
    (json.dumps({"id": "x", "text": "Two killed.", "gold": 2}), '"gold"'),
])
def test_a_malformed_row_names_its_line(line: str, says: str) -> None:
    with pytest.raises(InputError, match=says) as info:
        parse_row(line, "coded.jsonl:7")
    assert "coded.jsonl:7" in str(info.value)


def fake_extract(predictions: dict[str, dict[str, int] | Exception]):
    """An extract() that answers each row's prediction from a table (by the row's text)."""
    def extract(document):
        answer = predictions[document.content]
        if isinstance(answer, Exception):
            raise answer
        return article(event(**answer))
    return extract


def test_scores_per_category_with_baseline_within_one_and_mae() -> None:
    rows = [CodedRow("a", "A", None, {"killed": 2, "injured": 0}),
            CodedRow("b", "B", None, {"killed": 0, "injured": 1}),
            CodedRow("c", "C", None, {"killed": 0}),
            CodedRow("d", "D", None, {"killed": 5, "injured": 0})]
    result = evaluate_rows(rows, fake_extract({"A": {"killed": 2}, "B": {"injured": 3}, "C": {"killed": 1},
                                               "D": InputError("nothing to read")}))
    assert result.docs == 4 and result.errors == 1
    scores = {s.category: s for s in result.scores()}
    assert set(scores) == {"killed", "injured"}  # no row codes arrested or abducted
    killed = scores["killed"]
    assert (killed.n, killed.exact, killed.majority) == (4, 0.5, 0.5)  # a and b right; 0 is the commonest gold
    assert killed.within_one == 0.75  # the failed row is never within one
    assert killed.mae == (0 + 0 + 1 + 5) / 4  # the failed row counts as predicting 0
    injured = scores["injured"]
    assert (injured.n, injured.exact, injured.mae) == (3, 1 / 3, 2 / 3)
    assert result.wrong("killed") == [("c", 0, 1), ("d", 5, None)]
    dumped = [json.loads(line) for line in dump_lines(result)]
    assert dumped[0] == {"id": "a", "gold": {"killed": 2, "injured": 0},
                         "pred": {"killed": 2, "injured": 0, "arrested": 0, "abducted": 0}, "error": None}
    assert dumped[3]["pred"] is None and "nothing to read" in dumped[3]["error"]
    assert result.summary().startswith("docs 4 errors 1 | killed 0.500 | injured 0.333 | ")


def test_eval_command_scores_rows_lists_wrong_ones_and_dumps(tmp_path, capsys) -> None:
    from newsfacts.cli import main

    data = tmp_path / "coded.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    wrong = dict(ROWS[0], id="r4", gold={"killed": 9, "injured": 2})
    data.write_text(data.read_text(encoding="utf-8") + json.dumps(wrong) + "\n", encoding="utf-8")
    dump = tmp_path / "pred.jsonl"
    code = main(["eval", str(data), "-v", "--dump", str(dump)])
    out = capsys.readouterr().out
    assert code == 0
    assert "killed    exact " in out and "majority" in out and "within-1" in out and "MAE" in out
    assert "arrested  exact 1.000" in out and "n 1" in out
    assert "    r4: gold 9, predicted 3" in out
    assert out.strip().splitlines()[-1].startswith("docs 4 errors 0 | killed ")
    rows = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["r1", "r2", "r3", "r4"] and rows[0]["pred"]["killed"] == 3
    assert main(["eval", str(data), "--min-event-acc", "0.9"]) == 1  # r3 and r4 are wrong: killed 0.5


def test_eval_refuses_rows_mixed_with_gold_records(tmp_path, capsys) -> None:
    from newsfacts.cli import main

    rows, record = tmp_path / "coded.jsonl", tmp_path / "gold.json"
    rows.write_text(json.dumps(ROWS[0]) + "\n", encoding="utf-8")
    record.write_text("{}", encoding="utf-8")
    assert main(["eval", str(rows), str(record)]) == 1
    assert "not both" in capsys.readouterr().err
    assert main(["eval", str(record), "--dump", str(tmp_path / "d.jsonl")]) == 1
    assert "--dump" in capsys.readouterr().err
