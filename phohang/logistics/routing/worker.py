"""Entry point of an extra search process: `python -m phohang.logistics.routing.worker FILE`."""

import sys

from phohang.logistics.routing.engine import worker_main

if __name__ == "__main__":
    worker_main(sys.argv[1])
