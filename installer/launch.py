"""Entry point of the bundled till (the same as `python -m pos_app`)."""

import sys

from pos_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
