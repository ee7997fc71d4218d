import unittest
from importlib import metadata

import errand_client


class PackageTest(unittest.TestCase):
    def test_the_installed_distribution_has_the_package_version(self) -> None:
        self.assertEqual(metadata.version("errand-client"), errand_client.__version__)

    def test_ships_the_py_typed_marker(self) -> None:
        files = metadata.files("errand-client") or []

        self.assertIn("errand_client/py.typed", [file.as_posix() for file in files])


if __name__ == "__main__":
    unittest.main()
