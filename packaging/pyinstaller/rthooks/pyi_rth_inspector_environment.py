# Runtime hook: runs in the frozen app before inspector_app is imported.
#
# On Linux the PyInstaller bootloader points LD_LIBRARY_PATH at the app's _internal folder (keeping the
# user's value in LD_LIBRARY_PATH_ORIG) and restarts itself, so this process has already found its bundled
# libraries. Programs the app starts must not inherit that: "Open report" and "Open folder" run xdg-open,
# which starts the word processor or file manager, and those would load our copies of libstdc++, GLib,
# libX11 … and can fail to start or crash. Restoring the variable here changes nothing for this process
# (the dynamic loader read it at start-up) and gives every child the user's own environment.
import os
import sys

if sys.platform.startswith(("linux", "aix")):
    name = "LIBPATH" if sys.platform.startswith("aix") else "LD_LIBRARY_PATH"
    original = os.environ.pop(name + "_ORIG", None)
    if original is not None:
        os.environ[name] = original
    else:
        os.environ.pop(name, None)
