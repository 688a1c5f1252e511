"""The text a ``new visit`` skeleton leaves for a person to replace.

The schema step reports each one still there (rule ``schema``), so an untouched
skeleton never validates clean.
"""

SUMMARY = "Ghi tóm tắt những việc đã làm và tình hình nắm được tại cơ sở."
PLACE = "ma-dia-ban"
