"""The domain: records as typed values, the compliance figures and the rules.

``model`` turns documents into records, ``compliance`` and ``periodic`` compute every
figure, ``findings`` and ``rules`` say what is wrong. Nothing here reads files or writes
pages.
"""
