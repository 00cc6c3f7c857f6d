"""``python -m veille``: the same command line as ``veille``."""
from .cli import main

if __name__ == "__main__":
    main()
