"""Inspector: draft graded police inspection assessments offline and export them as Word reports."""

__version__ = "0.1.0"
APP_NAME = "Inspector"
#: Reverse-DNS id of the desktop entry, icon and AppStream data (packaging/linux); a placeholder domain
#: until the project has its own.
APP_ID = "uk.example.Inspector"
