from tui.core.boilerplate import Boilerplate
from tui.core.text import collapse_blank_lines, one_line, strip_control


def test_control_sequences_are_stripped():
    hostile = "a\x1b[31mred\x1b[0m \x1b]52;c;aGVsbG8=\x07b \x1b]0;title\x1b\\c \x1bPdcs\x1b\\d \x07\x08e\x9b2Jf"
    assert strip_control(hostile) == "ared b c d ef"


def test_markup_is_left_alone_as_text():
    assert strip_control("[@click=app.quit]x[/]") == "[@click=app.quit]x[/]"


def test_one_line_and_blank_runs():
    assert one_line("a\n b\t c") == "a b c"
    assert collapse_blank_lines("\n\na\n\n\n\n b\n\n") == "a\n\n b"


def test_boilerplate_hidden_from_display():
    bp = Boilerplate((r"tell a friend", r"photo:\s*\S+\.[a-z]{2,}"))
    body = "Tell a friend\n\nText one.\n\n\n\nPhoto: mfa.gov.kz\n\nText two.\n"
    assert bp.clean(body) == "Text one.\n\nText two."
    assert not bp.matches("Photo: the minister at the meeting in London yesterday")
