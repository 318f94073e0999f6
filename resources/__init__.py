"""Data files (frameworks, samples, the Word template, icons) shipped inside the package.

This file only makes the folder importable as ``inspector_app.resources`` in editable installs; read the
files through :mod:`inspector_app.resources_access`, never by path.
"""
