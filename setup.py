"""The one dynamic part of the build: the package list, with resources/ and db/ mapped in.

pyproject.toml holds everything else. The mapping keeps the project's layout (kiosk/, resources/,
db/ side by side) while the wheel carries the data files inside the `kiosk` package, where
importlib.resources finds them in a checkout's editable install, an installed wheel and the
PyInstaller bundle alike.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["kiosk", "kiosk.*"]),
        "kiosk._resources",
        "kiosk._migrations",
    ],
    package_dir={"kiosk._resources": "resources", "kiosk._migrations": "db"},
)
