from pathlib import Path

from tui.core.config import Config, load_config, parse_config


def test_defaults_when_missing(tmp_path):
    assert load_config(path=tmp_path / "none.yaml") == (Config(), [])


def test_valid_settings():
    config, problems = parse_config(
        "corpus: ~/news\ncitation_style: mla\ntheme: nord\nclipboard: [file]\nsort: title\n"
        "keymap:\n  app.search: ctrl+s\n",
        {"app.search"},
    )
    assert problems == []
    assert config.corpus == Path("~/news").expanduser() and config.citation_style == "mla"
    assert config.clipboard == ("file",) and config.keymap == {"app.search": "ctrl+s"}


def test_wrong_values_name_the_setting_and_line():
    config, problems = parse_config("theme: nord\nsort: sideways\ncolour: red\n", set())
    assert config.sort == "date" and config.theme == "nord"
    assert problems == [
        "config.yaml: setting 'sort' (line 2): 'sideways' is not one of date, title, publisher; using the default",
        "config.yaml: setting 'colour' (line 3): unknown setting; using the default",
    ]


def test_unknown_binding_id():
    config, problems = parse_config("keymap:\n  nope.nothing: x\n", {"app.search"})
    assert config.keymap == {} and "unknown binding id 'nope.nothing'" in problems[0]


def test_yaml_error_uses_defaults():
    config, problems = parse_config("sort: [title\n")
    assert config == Config() and "YAML error at line" in problems[0]


def test_search_as_you_type_setting():
    assert parse_config("search_as_you_type: false\n")[0].search_as_you_type is False
    config, problems = parse_config("search_as_you_type: sometimes\n")
    assert config.search_as_you_type is True and "expected true or false" in problems[0]
