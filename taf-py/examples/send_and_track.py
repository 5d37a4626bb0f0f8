"""Sends every XML event of a folder to TAF in lotes of 500, then follows each key until TAF is
done with it. Usage: python send_and_track.py URL FOLDER TICKET BRANCH"""

import collections
import sys
from pathlib import Path

import totvs_taf as taf


def main(url: str, folder: str, ticket: str, branch: str) -> dict[str, taf.KeyState]:
    events = [path.read_bytes() for path in sorted(Path(folder).glob("*.xml"))]
    lotes = taf.build_lotes(events, ticket_code=ticket, source_branch=branch, max_items=500)
    client = taf.Client(url)
    keys = [key for sent in client.send(lotes) for key in sent.accepted_keys]
    states = client.watch(ticket, keys=keys, source_branch=branch, every=1.0, on_progress=print)
    print(collections.Counter(repr(state) for state in states.values()))
    return states


if __name__ == "__main__":
    main(*sys.argv[1:5])
