"""The report's CSV cells: OWASP's formula starters become text; numbers and plain text stay as they are."""

import pytest

from bot.report.files import cell


@pytest.mark.parametrize(
    "value", ["=1+1", "+1 555", "-2+3", "@SUM(A1)", "\t1", "\r1", "  =1", "\n@x", "\u3000+1", "\t", "=", "-cmd"]
)
def test_formula_starters_become_text(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["what about 1+1", "email a@b.c", "-", "-5", "+3", "12.5%", 7, -3, 0.5, None, "1-2", "a=b"]
)
def test_everything_else_is_left_alone(value):
    assert cell(value) == value
