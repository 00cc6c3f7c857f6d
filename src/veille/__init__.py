"""veille: French news intelligence.

Data flow: ``ingest`` (files -> :class:`veille.model.Article`) -> ``analyse`` (spaCy pipeline with
sentence, actor, quotation, event and lede components) -> JSON contract ``veille.article/1``.
"""

__version__ = "0.1.0"
SCHEMA = "veille.article/1"
