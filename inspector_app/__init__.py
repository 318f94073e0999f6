"""Inspector: draft graded police inspection assessments offline and export them as Word reports."""

__version__ = "0.1.0"
APP_NAME = "Inspector"
