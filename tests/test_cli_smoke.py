"""A first end-to-end pass through the bookkeeping commands."""

from pathlib import Path


def test_add_update_resolve_round(fb, book_dir: Path) -> None:
    result = fb("add", "Will it rain tomorrow?", "--p", "35%", "--resolve-by", "2027-06-30")
    assert result.exit_code == 0, result.output
    assert result.stdout == "will-it-rain-tomorrow\n"
    result = fb("update", "will-it", "--p", "0.5")
    assert result.exit_code == 0, result.output
    result = fb("resolve", "will-it-rain-tomorrow", "yes", "--evidence", "it rained")
    assert result.exit_code == 0, result.output
    text = (book_dir / "will-it-rain-tomorrow.yaml").read_text()
    assert "outcome: 'yes'" in text
    assert fb("validate").exit_code == 0
