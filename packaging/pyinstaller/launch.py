"""The frozen app's entry point: the same ``main()`` as the ``inspector-app`` command of a pip install.

With no arguments (or a FILE) it opens the window; with a command (``--version``, ``frameworks``, ``export``
…) it works headless. PyInstaller freezes this file twice on Windows: ``Inspector.exe`` without a console
and ``inspector-app.exe`` with one (see inspector.spec).
"""

import sys

from inspector_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
