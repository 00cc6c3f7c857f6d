"""Running veille over many articles: :mod:`.local` (process pool), :mod:`.ingest` (``veille ingest``)."""
