"""Newsdesk: a desktop news reader and currency converter."""

__version__ = "0.1.0"
APP_NAME = "Newsdesk"
APP_ID = "newsdesk"
