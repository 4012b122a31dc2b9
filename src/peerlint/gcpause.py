"""Start-up without the cyclic garbage collector.

Loading the rule packs and compiling them make hundreds of thousands of long-lived objects,
and every collection the allocations trigger walks all the objects made so far: measured,
that was 40% of building the engine and most of validating the packs. Nothing made there is
garbage, so pausing collection loses nothing; it resumes as soon as the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with cyclic garbage collection paused (if it was on)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
