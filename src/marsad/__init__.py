"""Marsad (مرصد): Arabic-native event coding of political-violence news."""

__version__ = "0.1.0"
