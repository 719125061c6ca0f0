from hypothesis import given, strategies as st

from tui.core.wrapping import line_of, wrap_offsets


def test_wraps_at_spaces_and_keeps_blank_lines():
    text = "aaa bbb ccc\n\nddd"
    assert [text[s:e] for s, e in wrap_offsets(text, 7)] == ["aaa bbb", "ccc", "", "ddd"]


def test_long_words_are_split():
    assert [("x" * 10)[s:e] for s, e in wrap_offsets("x" * 10, 4)] == ["xxxx", "xxxx", "xx"]


def test_wide_characters_count_double():
    text = "漢字漢字漢字"
    assert [text[s:e] for s, e in wrap_offsets(text, 4)] == ["漢字", "漢字", "漢字"]


@given(st.text(alphabet=st.sampled_from("ab \n漢"), max_size=200), st.integers(1, 30))
def test_every_character_is_on_some_line(text, width):
    lines = wrap_offsets(text, width)
    covered = set()
    for s, e in lines:
        covered.update(range(s, e))
    for i, ch in enumerate(text):
        if ch not in " \n":
            assert i in covered
            s, e = lines[line_of(i, lines)]
            assert s <= i < e
