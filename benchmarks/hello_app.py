"""The baseline for "first frame": the smallest useful Textual app (Header, Static, Footer).

    python -m benchmarks.hello_app
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class HelloApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, world: 2025-02-28")
        yield Footer()


if __name__ == "__main__":
    HelloApp().run()
