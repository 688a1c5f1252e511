"""Reading: files on disk → located YAML documents checked against the schemas.

The walk of ``records/`` (``layout``, ``loader``), the two YAML readers (``yamlfast``
for the common line-per-key form, ``yamlread`` for everything else), the forbidden
characters (``printable``), the JSON Schemas (``schema``) and the parse cache (``cache``).
Nothing here knows what a visit or a policy means.
"""
