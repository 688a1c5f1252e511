"""Publishing: figures and findings → site pages, documents, workbooks and messages.

Views read the domain's figures; they never compute their own and never import the
orchestrator (``generator.pipeline``).
"""
