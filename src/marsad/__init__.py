"""Marsad (مرصد): Arabic-native event coding of political-violence news."""

__version__ = "0.1.0"

from marsad.api import open as open  # after __version__: the store imports it
