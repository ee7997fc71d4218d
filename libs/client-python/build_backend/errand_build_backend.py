"""A PEP 517 build backend in the standard library alone, for errand-client.

Why not setuptools: pip builds a package in an isolated environment and
downloads the backend into it first, so `pip install ./libs/client-python`
would need a package index. This backend needs nothing, so the install works
offline, and a client with no dependencies builds with none either.

It knows exactly one layout: the `[project]` table of pyproject.toml (name,
version, description, requires-python, license text, classifiers) and one
package folder named by `[tool.errand-build] package`, shipped whole.

Hooks: `build_wheel`, `build_sdist` and `build_editable` (PEP 660: a `.pth`
file pointing at this folder), each with its `get_requires_for_*` (none).
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Zip and tar entries carry this time, so that a build is byte-for-byte
# repeatable (1980-01-01 is the earliest time a zip entry can hold).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_EPOCH = 315532800
SKIPPED = re.compile(r"(^|/)(__pycache__(/|$)|.*\.py[co]$)")


def _project() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def _names(pyproject: dict[str, Any]) -> tuple[str, str, str]:
    """The project name, its wheel-file form (PEP 427) and the version."""
    project = pyproject["project"]
    name: str = project["name"]
    version: str = project["version"]
    return name, re.sub(r"[-_.]+", "_", name).lower(), version


def _metadata(pyproject: dict[str, Any]) -> str:
    project = pyproject["project"]
    name, _, version = _names(pyproject)
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {name}",
        f"Version: {version}",
        f"Summary: {project.get('description', '')}",
    ]
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    license_text = project.get("license", {}).get("text")
    if license_text:
        lines.append(f"License: {license_text}")
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    if project.get("dependencies"):
        raise ValueError("errand_build_backend builds packages without dependencies")
    return "\n".join(lines) + "\n"


def _package_files(pyproject: dict[str, Any]) -> list[tuple[str, bytes]]:
    """Every file of the package, as (path in the archive, bytes), sorted."""
    package = pyproject["tool"]["errand-build"]["package"]
    files = []
    for path in sorted((ROOT / package).rglob("*")):
        relative = path.relative_to(ROOT).as_posix()
        if path.is_file() and not SKIPPED.search(relative):
            files.append((relative, path.read_bytes()))
    return files


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"{path},sha256={digest.decode('ascii')},{len(data)}"


def _write_wheel(
    wheel_directory: str, files: list[tuple[str, bytes]], pyproject: dict[str, Any]
) -> str:
    _, wheel_name, version = _names(pyproject)
    dist_info = f"{wheel_name}-{version}.dist-info"
    wheel = (
        "Wheel-Version: 1.0\n"
        "Generator: errand_build_backend\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )
    entries = files + [
        (f"{dist_info}/METADATA", _metadata(pyproject).encode()),
        (f"{dist_info}/WHEEL", wheel.encode()),
    ]
    record = [_record_line(path, data) for path, data in entries]
    record.append(f"{dist_info}/RECORD,,")
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))

    basename = f"{wheel_name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(Path(wheel_directory) / basename, "w") as archive:
        for path, data in entries:
            info = zipfile.ZipInfo(path, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return basename


def get_requires_for_build_wheel(config_settings: Any = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: Any = None) -> list[str]:
    return []


def get_requires_for_build_editable(config_settings: Any = None) -> list[str]:
    return []


def build_wheel(
    wheel_directory: str,
    config_settings: Any = None,
    metadata_directory: Any = None,
) -> str:
    pyproject = _project()
    return _write_wheel(wheel_directory, _package_files(pyproject), pyproject)


def build_editable(
    wheel_directory: str,
    config_settings: Any = None,
    metadata_directory: Any = None,
) -> str:
    pyproject = _project()
    _, wheel_name, _ = _names(pyproject)
    pth = (f"{wheel_name}.pth", (str(ROOT) + "\n").encode())
    return _write_wheel(wheel_directory, [pth], pyproject)


def build_sdist(sdist_directory: str, config_settings: Any = None) -> str:
    pyproject = _project()
    _, wheel_name, version = _names(pyproject)
    base = f"{wheel_name}-{version}"
    backend = Path(__file__).resolve()
    files = [
        ("pyproject.toml", (ROOT / "pyproject.toml").read_bytes()),
        (f"build_backend/{backend.name}", backend.read_bytes()),
        ("PKG-INFO", _metadata(pyproject).encode()),
        *_package_files(pyproject),
    ]
    basename = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / basename, "w:gz") as archive:
        for path, data in files:
            info = tarfile.TarInfo(f"{base}/{path}")
            info.size = len(data)
            info.mtime = FIXED_EPOCH
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    return basename
