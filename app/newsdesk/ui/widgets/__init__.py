"""Widgets the main window is built from: the converter, the article view and their parts."""
