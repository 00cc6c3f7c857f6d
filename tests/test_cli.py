"""``veille analyze``: the JSON contract, the report, errors and exit codes."""
import json

from click.testing import CliRunner

from veille.cli import cli
from veille.contract import problems

from .conftest import EXAMPLE


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_json_output_follows_the_contract(nlp):
    result = run("analyze", "--json", str(EXAMPLE))
    assert result.exit_code == 0
    (line,) = result.stdout.strip().splitlines()
    record = json.loads(line)
    assert problems(record) == []
    assert record["schema"] == "veille.article/1" and record["id"] == "blinken-lavrov"
    assert len(record["summary"]) <= 280


def test_contract_checker_catches_bad_offsets(nlp):
    record = json.loads(run("analyze", "--json", str(EXAMPLE)).stdout)
    record["actors"][0]["mentions"][0]["start"] += 1
    assert problems(record)
    del record["summary"]
    assert any("summary" in p for p in problems(record))


def test_readable_report(nlp):
    result = run("analyze", str(EXAMPLE))
    assert result.exit_code == 0
    out = result.stdout
    assert "Lede" in out and "Actors" in out and "Antony Blinken" in out and "Quotations" in out


def test_errors_are_one_line_and_exit_non_zero(nlp, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    english = tmp_path / "english.txt"
    english.write_text("The Secretary of State said on Friday that the talks with his Russian counterpart "
                       "had been frank and direct, and that the United States would keep pressing Moscow.")
    result = CliRunner().invoke(cli, ["analyze", "--json", str(empty), str(english), str(EXAMPLE)])
    assert result.exit_code == 1
    errors = [l for l in result.stderr.splitlines() if l.startswith("veille: error")]
    assert len(errors) == 2
    assert f"{empty}: empty" in errors[0]
    assert f"{english}: not-french" in errors[1] and "en" in errors[1]
    assert [json.loads(l)["id"] for l in result.stdout.splitlines()] == ["blinken-lavrov"]


def test_stdin_jsonl(nlp):
    line = json.dumps({"id": "s1", "text": "Le président Emmanuel Macron a reçu jeudi le chancelier allemand à Paris."})
    result = run("analyze", "--json", "--stdin-format", "jsonl", "-", input=line + "\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "s1"
